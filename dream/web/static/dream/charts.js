// Draws every <div class="chart" data-chart="bar" data-source="ID"> from the JSON in
// <script id="ID">: {categories: [...], series: [{name, data}], unit}. The same numbers are
// always in a table on the page; the chart is a reading aid.
(function () {
  "use strict";
  if (!window.echarts) return;
  var palette = ["#3d7ab8", "#0b3d75", "#b3261e", "#1e6b35", "#8a5a00"];
  document.querySelectorAll(".chart[data-source]").forEach(function (el) {
    var source = document.getElementById(el.dataset.source);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: palette,
      aria: { enabled: false },  // the container carries its own Korean label and the page a table
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "–" : v.toLocaleString("ko-KR") + (data.unit || ""); } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: data.unit || "", axisLabel: { formatter: function (v) { return v.toLocaleString("ko-KR"); } } },
      series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
