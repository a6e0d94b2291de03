/* 问暖 field page: today's list in visiting order, the visit form, offline outbox.
   Works offline: the list is kept in IndexedDB, visits are saved there with a UUID made here,
   and sent when the network returns (WennuanSync). */
(function () {
  "use strict";
  var S = window.WennuanStore;
  var root = document.getElementById("field");
  var phaseId = root.dataset.phase ? Number(root.dataset.phase) : null;
  var form = document.getElementById("visit-form");
  var list = document.getElementById("tasks");
  var current = null; // the task being visited
  var position = null; // last GPS fix, if the phone gives one

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Plain-HTTP pages have no randomUUID; build a v4 UUID from getRandomValues.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function say(msg) { document.getElementById("sync-msg").textContent = msg; }

  function showNet() {
    var net = document.getElementById("net");
    net.textContent = navigator.onLine ? "在线" : "离线";
    net.classList.toggle("offline", !navigator.onLine);
  }

  function refreshCounts() {
    return Promise.all([S.all("outbox"), S.all("conflicts")]).then(function (r) {
      var pending = r[0], conflicts = r[1];
      document.getElementById("pending").textContent = "待同步 " + pending.length + " 条";
      var rejected = pending.filter(function (v) { return v.error; });
      if (rejected.length) say("有 " + rejected.length + " 条未被接收：" + rejected[0].error);
      var box = document.getElementById("conflict-box");
      var ul = document.getElementById("conflicts");
      ul.innerHTML = "";
      conflicts.forEach(function (c) { ul.appendChild(el("li", {}, c.label + "：另有网格员走访过此户")); });
      box.hidden = conflicts.length === 0;
    });
  }

  function renderTasks() {
    return S.all("tasks").then(function (tasks) {
      tasks.sort(function (a, b) { return (a.done ? 1 : 0) - (b.done ? 1 : 0) || a.position - b.position; });
      list.innerHTML = "";
      tasks.forEach(function (t) {
        var li = el("li", { "data-task": t.id, "class": t.done ? "done" : "" });
        var info = el("div");
        info.appendChild(el("div", { "class": "addr" }, t.address));
        var sub = el("div", { "class": "muted" }, t.resident + (t.attempt > 1 ? " · 第" + t.attempt + "次" : ""));
        (t.priority_groups || []).forEach(function (g) { sub.appendChild(el("span", { "class": "tag" }, g)); });
        info.appendChild(sub);
        li.appendChild(info);
        var btn = el("button", { type: "button", "class": t.done ? "secondary" : "" }, t.done ? "已访" : "走访");
        btn.addEventListener("click", function () { openForm(t); });
        li.appendChild(btn);
        list.appendChild(li);
      });
      if (!tasks.length) list.appendChild(el("li", { "class": "muted" }, "今天没有待走访的住户"));
    });
  }

  function loadTasks() {
    if (!navigator.onLine || !phaseId) return renderTasks();
    return fetch("/api/v1/visits/tasks?phase=" + phaseId, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (rows) {
        return S.all("outbox").then(function (pending) {
          var visited = {};
          pending.forEach(function (v) { if (v.task_id) visited[v.task_id] = true; });
          rows.forEach(function (t, i) { t.position = i; t.done = !!visited[t.id]; });
          return S.replaceAll("tasks", rows);
        });
      })
      .catch(function () { say("离线：显示上次下载的名单"); })
      .then(renderTasks);
  }

  function addReading(room, value) {
    var row = el("div", { "class": "reading" });
    var sel = el("select", { name: "reading_room" });
    ["卧室", "客厅", "次卧", "其他"].forEach(function (r) { var o = el("option", { value: r }, r); if (r === room) o.selected = true; sel.appendChild(o); });
    var input = el("input", { type: "number", name: "reading_celsius", step: "0.1", min: "-30", max: "40", inputmode: "decimal", placeholder: "°C" });
    if (value) input.value = value;
    row.appendChild(sel); row.appendChild(input);
    document.getElementById("readings").appendChild(row);
  }

  function openForm(task) {
    current = task;
    form.reset();
    document.getElementById("readings").innerHTML = "";
    addReading("卧室"); addReading("客厅");
    document.getElementById("form-title").textContent = task.address;
    document.getElementById("form-sub").textContent = task.resident + (task.phone ? " · " + task.phone : "");
    list.hidden = true; form.hidden = false;
    window.scrollTo(0, 0);
    if (navigator.geolocation) {
      navigator.geolocation.getCurrentPosition(function (p) { position = p.coords; }, function () { position = null; }, { timeout: 5000, maximumAge: 60000 });
    }
  }

  function closeForm() { form.hidden = true; list.hidden = false; current = null; }

  function triState(v) { return v === "true" ? true : v === "false" ? false : null; }

  function collect(report) {
    var f = new FormData(form);
    var visit = {
      client_id: uuid(), task_id: current.id, household_id: current.household_id, phase_id: current.phase_id,
      outcome: f.get("outcome"), visited_at: new Date().toISOString(), label: current.address,
      notes: f.get("notes") || "", retrofit_progress: f.get("retrofit_progress") || "",
      readings: [], problems: [], photo_ids: [],
    };
    ["room_temp_ok", "intermittent_heating", "fee_paid", "subsidy_received", "complaint_resolved", "shirking_found"]
      .forEach(function (n) { visit[n] = triState(f.get(n)); });
    ["answer_satisfied", "answer_happy", "answer_agree", "answer_accept"].forEach(function (n) { visit[n] = f.get(n) || ""; });
    var rooms = f.getAll("reading_room"), temps = f.getAll("reading_celsius");
    temps.forEach(function (t, i) {
      if (t !== "") visit.readings.push({ room: rooms[i], celsius: Number(t), measured_at: visit.visited_at });
    });
    var problem = (f.get("problem") || "").trim();
    if (problem) visit.problems.push({ client_id: uuid(), description: problem, category: f.get("problem_category"), report: !!report });
    if (position) { visit.latitude = position.latitude; visit.longitude = position.longitude; }
    var files = form.querySelector("input[name=photos]").files;
    var photos = Array.prototype.map.call(files, function (file) {
      var id = uuid();
      visit.photo_ids.push(id);
      return { client_id: id, blob: file, name: file.name };
    });
    return { visit: visit, photos: photos };
  }

  function save(report) {
    if (!current) return;
    if (report && !(form.elements.problem.value || "").trim()) { say("请先填写发现的问题"); return; }
    var c = collect(report);
    var task = current;
    Promise.all(c.photos.map(function (p) { return S.put("photos", p); }))
      .then(function () { return S.put("outbox", c.visit); })
      .then(function () { task.done = true; return S.put("tasks", task); })
      .then(function () {
        closeForm();
        say("已保存" + (navigator.onLine ? "，正在同步…" : "在手机上，联网后自动同步"));
        return renderTasks();
      })
      .then(refreshCounts)
      .then(function () { if (navigator.onLine) return syncNow(); });
  }

  function syncNow() {
    return window.WennuanSync.syncAll().then(function (t) {
      if (t && !t.skipped) say("同步完成：" + t.sent + " 条" + (t.rejected ? "，" + t.rejected + " 条未被接收" : ""));
      return refreshCounts();
    }).catch(function (e) { say("同步失败，稍后重试：" + e.message); return refreshCounts(); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); save(false); });
  document.getElementById("save-report").addEventListener("click", function () { save(true); });
  document.getElementById("cancel").addEventListener("click", closeForm);
  document.getElementById("add-reading").addEventListener("click", function () { addReading("其他"); });
  document.getElementById("sync-now").addEventListener("click", syncNow);
  form.querySelectorAll("input[name=outcome]").forEach(function (r) {
    r.addEventListener("change", function () { document.getElementById("questions").hidden = form.elements.outcome.value !== "visited"; });
  });
  window.addEventListener("online", function () { showNet(); syncNow().then(loadTasks); });
  window.addEventListener("offline", showNet);

  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.sw || "/visits/sw.js", { scope: "/visits/" });
  showNet();
  refreshCounts().then(function () { return navigator.onLine ? syncNow() : null; }).then(loadTasks);
  window.WennuanField = { syncNow: syncNow, loadTasks: loadTasks };
})();
