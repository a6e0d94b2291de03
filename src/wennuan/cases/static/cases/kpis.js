/* The KPI page's charts (ECharts from node_modules): the ranking's bars and the daily trend, from the
   page's #kpi-chart-data. A file, not an inline script: the Content Security Policy allows only "self". */
(function () {
  var d = JSON.parse(document.getElementById("kpi-chart-data").textContent);
  var pct = {type: "value", max: 100, axisLabel: {formatter: "{value}%"}};
  var rank = echarts.init(document.getElementById("chart-ranking"));
  rank.setOption({
    color: ["#c2410c", "#f59e0b"],
    title: {text: "排名：按时办结率 / 满意率", textStyle: {fontSize: 14}},
    tooltip: {trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; }},
    legend: {top: 30, data: ["按时办结率", "满意率"]},
    grid: {left: 8, right: 16, bottom: 8, top: 64, containLabel: true},
    xAxis: pct,
    yAxis: {type: "category", data: d.groups, axisLabel: {width: 90, overflow: "truncate"}},
    series: [{name: "按时办结率", type: "bar", barMaxWidth: 22, data: d.on_time}, {name: "满意率", type: "bar", barMaxWidth: 22, data: d.satisfaction}]
  });
  var trend = echarts.init(document.getElementById("chart-trend"));
  trend.setOption({
    color: ["#c2410c", "#15803d", "#6b7280"],
    title: {text: "每日趋势", textStyle: {fontSize: 14}},
    tooltip: {trigger: "axis"},
    legend: {top: 30, data: ["受理", "办结", "按时办结率"]},
    grid: {left: 8, right: 8, bottom: 8, top: 64, containLabel: true},
    xAxis: {type: "category", data: d.days},
    yAxis: [{type: "value", minInterval: 1}, {type: "value", max: 100, axisLabel: {formatter: "{value}%"}, splitLine: {show: false}}],
    series: [
      {name: "受理", type: "line", data: d.received, showSymbol: false},
      {name: "办结", type: "line", data: d.resolved, showSymbol: false},
      {name: "按时办结率", type: "line", yAxisIndex: 1, data: d.day_on_time, lineStyle: {type: "dashed"}, connectNulls: true}
    ]
  });
  window.addEventListener("resize", function () { rank.resize(); trend.resize(); });
})();
