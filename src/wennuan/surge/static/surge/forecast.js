// The forecast page's charts: the last 30 days' calls and the forecast after them (a file, for the CSP).
(function () {
  var cities = JSON.parse(document.getElementById("surge-data").textContent);
  cities.forEach(function (c, i) {
    var el = document.getElementById("surge-chart-" + i);
    if (!el) return;
    var chart = echarts.init(el);
    chart.setOption({
      color: ["#2563eb", "#c2410c"],
      tooltip: {trigger: "axis"},
      legend: {top: 0, data: ["实际来电", "预测"]},
      grid: {left: 8, right: 8, bottom: 8, top: 36, containLabel: true},
      xAxis: {type: "category", data: c.days},
      yAxis: {type: "value", name: "件"},
      series: [
        {name: "实际来电", type: "line", data: c.actual, connectNulls: false},
        {name: "预测", type: "bar", data: c.forecast}
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
