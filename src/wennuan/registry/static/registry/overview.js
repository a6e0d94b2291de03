// The overview's two charts (ECharts), drawn from the page's #chart-data; a file, not inline, for the CSP.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var el = document.getElementById("chart-districts");
  if (el) {
    var c = echarts.init(el);
    c.setOption({
      color: ["#c2410c", "#f59e0b"],
      tooltip: {trigger: "axis"},
      legend: {top: 0, data: ["住户", "重点人群户"]},
      grid: {left: 8, right: 8, bottom: 8, top: 40, containLabel: true},
      xAxis: {type: "category", data: data.districts, axisLabel: {interval: 0, rotate: data.districts.length > 4 ? 30 : 0}},
      yAxis: {type: "value"},
      series: [{name: "住户", type: "bar", data: data.households}, {name: "重点人群户", type: "bar", data: data.priority}]
    });
    window.addEventListener("resize", function () { c.resize(); });
  }
  var el2 = document.getElementById("chart-payment");
  if (el2) {
    var p = echarts.init(el2);
    p.setOption({
      color: ["#15803d", "#b91c1c", "#9ca3af"],
      tooltip: {trigger: "item"},
      series: [{type: "pie", radius: ["40%", "70%"], data: data.payment, label: {formatter: "{b} {c}"}}]
    });
    window.addEventListener("resize", function () { p.resize(); });
  }
})();
