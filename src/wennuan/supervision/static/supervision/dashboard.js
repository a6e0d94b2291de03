// The dashboard's charts: data from the page (json_script); a click on any mark opens the list behind it.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var charts = [];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el);
    c.setOption(option);
    c.on("click", function (p) { if (p.data && p.data.url) window.location.href = p.data.url; });
    charts.push(c);
  }
  var narrow = window.innerWidth < 600;
  var grid = {left: 8, right: 12, bottom: 8, top: 40, containLabel: true};
  chart("chart-trend", {
    color: ["#c2410c", "#15803d", "#2563eb"],
    tooltip: {trigger: "axis"},
    legend: {top: 0, data: ["受理", "办结", "归档"]},
    grid: grid,
    xAxis: {type: "category", data: data.trend.days},
    yAxis: {type: "value", minInterval: 1},
    series: [
      {name: "受理", type: "line", data: data.trend.received, showSymbol: data.trend.days.length < 40},
      {name: "办结", type: "line", data: data.trend.resolved, showSymbol: data.trend.days.length < 40},
      {name: "归档", type: "line", data: data.trend.closed, showSymbol: data.trend.days.length < 40}
    ]
  });
  chart("chart-categories", {
    tooltip: {trigger: "axis"},
    legend: {top: 0, type: "scroll"},
    grid: grid,
    xAxis: {type: "category", data: data.categories.periods},
    yAxis: {type: "value", minInterval: 1},
    series: data.categories.series.map(function (s) { return {name: s.name, type: "bar", stack: "all", data: s.data}; })
  });
  chart("chart-companies", {
    color: ["#c2410c"],
    tooltip: {trigger: "axis"},
    grid: {left: 8, right: 24, bottom: 8, top: 8, containLabel: true},
    xAxis: {type: "value", max: 100},
    yAxis: {type: "category", inverse: true, data: data.companies.map(function (c) { return c.name; }),
            axisLabel: {width: narrow ? 90 : 200, overflow: "truncate"}},
    series: [{name: "综合评分", type: "bar", data: data.companies, label: {show: true, position: "right"}}]
  });
  chart("chart-estates", {
    tooltip: {formatter: function (p) { return p.name + "<br>每百户投诉 " + p.value[2] + "（" + p.value[3] + "件）"; }},
    grid: grid,
    xAxis: {type: "value", scale: true, name: "经度", axisLabel: {show: !narrow}},
    yAxis: {type: "value", scale: true, name: "纬度", axisLabel: {show: !narrow}},
    visualMap: {show: false, dimension: 2, min: 0, max: Math.max.apply(null, data.estates.map(function (e) { return e.value[2]; }).concat([1])),
                inRange: {color: ["#fde68a", "#b91c1c"]}},
    series: [{type: "scatter", data: data.estates,
              symbolSize: function (v) { return 6 + Math.min(30, Math.sqrt(v[2]) * 4); }}]
  });
  chart("chart-estate-bars", {
    color: ["#b91c1c"],
    tooltip: {trigger: "axis"},
    grid: {left: 8, right: 24, bottom: 8, top: 8, containLabel: true},
    xAxis: {type: "value"},
    yAxis: {type: "category", inverse: true, data: data.estate_bars.map(function (e) { return e.name; }),
            axisLabel: {width: narrow ? 90 : 200, overflow: "truncate"}},
    series: [{name: "每百户投诉", type: "bar", data: data.estate_bars}]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
