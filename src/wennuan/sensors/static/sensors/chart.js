/* Draw a temperature chart: one line per collector, the standard as a dashed line, visitors' readings as
   points. Reads the JSON of <script id="ID-data"> and draws into #ID. ECharts is served locally. */
(function () {
  function draw(id) {
    var el = document.getElementById(id);
    var src = document.getElementById(id + "-data");
    if (!el || !src || !window.echarts) return;
    var data = JSON.parse(src.textContent);
    var series = data.series.map(function (s) {
      return {name: s.name, type: "line", showSymbol: false, data: s.data};
    });
    if (series.length) {
      series[0].markLine = {symbol: "none", lineStyle: {type: "dashed", color: "#b91c1c"},
        label: {position: "insideStartTop", formatter: "标准 " + data.standard + "℃"}, data: [{yAxis: data.standard}]};
    }
    if (data.visits && data.visits.length) {
      series.push({name: "入户测温", type: "scatter", symbolSize: 9, data: data.visits.map(function (v) { return [v[0], v[1]]; })});
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {trigger: "axis"},
      legend: {type: "scroll", top: 0},
      grid: {left: 8, right: 16, bottom: 8, top: 36, containLabel: true},
      xAxis: {type: "time"},
      yAxis: {type: "value", name: "℃", scale: true},
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.querySelectorAll("[data-temperature-chart]").forEach(function (el) { draw(el.id); });
})();
