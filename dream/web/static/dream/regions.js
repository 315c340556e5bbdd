// Draws the bar charts of the province, super-region and comparison pages:
// <div class="chart" hidden data-chart-source="ID" [data-layout="horizontal"]> reads
// {categories: [...], values: [...], unit} from <script id="ID">. The same numbers are
// always in a table beside the chart, so the chart stays hidden without JavaScript.
(function () {
  "use strict";
  if (!window.echarts) return;
  function amount(value, unit) {
    return value == null ? "–" : value.toLocaleString("ko-KR") + (unit || "");
  }
  document.querySelectorAll(".chart[data-chart-source]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chartSource);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    if (!data.values.length) return;
    el.hidden = false;
    var horizontal = el.dataset.layout === "horizontal";
    var narrow = el.clientWidth < 600;
    var categoryAxis = {
      type: "category", data: data.categories, inverse: horizontal,
      axisLabel: horizontal
        ? { width: Math.min(150, el.clientWidth * 0.4), overflow: "truncate" }
        : { interval: 0, rotate: narrow ? 90 : 0 }
    };
    var valueAxis = {
      type: "value",
      axisLabel: { hideOverlap: true, formatter: function (v) { return v.toLocaleString("ko-KR"); } }
    };
    var chart = echarts.init(el, null, { locale: "KO", renderer: "svg" });
    chart.setOption({
      color: ["#0b4f8a"],
      tooltip: { trigger: "axis", valueFormatter: function (v) { return amount(v, data.unit); } },
      grid: { left: 8, right: 24, bottom: 8, top: 32, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [{ type: "bar", name: "재정투입", data: data.values, barMaxWidth: 48 }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
