// Draws <div class="chart" hidden data-trajectory="ID">: the required path, the actuals and
// the trend line of one goal, from the JSON in <script id="ID"> (tracking/selectors.py
// _chart: {unit, status, categories, series: [{kind, name, data}]}). The same numbers are
// in the table beside the chart, so the chart stays hidden without JavaScript.
(function () {
  "use strict";
  if (!window.echarts) return;
  var STATUS_COLOURS = { on_track: "#1e6b35", at_risk: "#8a5a00", off_track: "#b3261e", insufficient: "#4a5560", no_data: "#4a5560" };
  var LINES = {
    required: { colour: "#4a5560", type: "dashed", symbol: "none" },
    actual: { colour: "#0b4f8a", type: "solid", symbol: "circle" },
    projection: { colour: null, type: "dotted", symbol: "emptyCircle" }
  };
  function amount(value, unit) {
    return value == null ? "–" : value.toLocaleString("ko-KR") + (unit || "");
  }
  document.querySelectorAll(".chart[data-trajectory]").forEach(function (el) {
    var source = document.getElementById(el.dataset.trajectory);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    el.hidden = false;
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: false },  // the container carries a Korean label and the page a table
      tooltip: { trigger: "axis", valueFormatter: function (v) { return amount(v, data.unit); } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: data.categories, boundaryGap: false },
      yAxis: {
        type: "value", name: data.unit, scale: true,
        axisLabel: { formatter: function (v) { return v.toLocaleString("ko-KR"); } }
      },
      series: data.series.map(function (s) {
        var line = LINES[s.kind];
        var colour = line.colour || STATUS_COLOURS[data.status];
        return {
          name: s.name, type: "line", data: s.data, connectNulls: true, symbol: line.symbol,
          symbolSize: 8, lineStyle: { type: line.type, color: colour, width: 2 },
          itemStyle: { color: colour }
        };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
