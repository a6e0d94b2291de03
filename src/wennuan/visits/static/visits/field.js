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

  var search = document.getElementById("task-search");
  var lastSaved = null; // {id, text}: the task just saved, shown where the worker left it
  var folded = {}; // building → folded by the worker

  function matches(t, q) {
    if (!q) return true;
    return [t.address, t.building, t.room, t.resident, t.account].some(function (v) { return (v || "").indexOf(q) >= 0; });
  }

  // Today's list by building (in visiting order of each building's first task), a search over it, and
  // the 「已访 x/N」 counter; a building whose households are all visited folds away by itself.
  function renderTasks() {
    return S.all("tasks").then(function (tasks) {
      tasks.sort(function (a, b) { return a.position - b.position; });
      var q = search ? search.value.trim() : "";
      // the server's count at page load plus the households entered as 已入户 on this phone since
      var enteredHere = tasks.filter(function (t) { return t.done && t.outcome === "visited"; }).length;
      var total = Number(root.dataset.households || 0) || tasks.length;
      var visited = Math.min(total, Number(root.dataset.visited || 0) + enteredHere);
      var counter = document.getElementById("visited-count");
      if (counter) counter.textContent = "已访 " + visited + "/" + total;
      var groups = [], byKey = {};
      tasks.forEach(function (t) {
        var key = t.building || "其他";
        if (!byKey[key]) { byKey[key] = { name: key, tasks: [] }; groups.push(byKey[key]); }
        byKey[key].tasks.push(t);
      });
      list.innerHTML = "";
      groups.forEach(function (g) {
        var shown = g.tasks.filter(function (t) { return matches(t, q); });
        if (!shown.length) return;
        var gDone = g.tasks.filter(function (t) { return t.done; }).length;
        var justSaved = lastSaved && g.tasks.some(function (t) { return t.id === lastSaved.id; });
        var isFolded = !q && (g.name in folded ? folded[g.name] : gDone === g.tasks.length && !justSaved);
        var head = el("li", { "class": "group-head", role: "button", tabindex: "0", "aria-expanded": String(!isFolded) });
        head.appendChild(el("span", { "class": "group-name" }, g.name));
        head.appendChild(el("span", { "class": "group-count" + (gDone === g.tasks.length ? " all" : "") }, "已访 " + gDone + "/" + g.tasks.length + (isFolded ? " ▸" : " ▾")));
        var toggle = function () { folded[g.name] = !isFolded; renderTasks(); };
        head.addEventListener("click", toggle);
        head.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
        list.appendChild(head);
        if (isFolded) return;
        // visiting order, done or not: a row stays where the worker left it (done rows are dimmed)
        shown.forEach(function (t) {
          var li = el("li", { "data-task": t.id, "class": t.done ? "done" : "" });
          var info = el("div", { "class": "info" });
          info.appendChild(el("div", { "class": "addr" }, t.room ? t.room + "室" : t.address));
          var sub = el("div", { "class": "muted" }, t.resident + (t.attempt > 1 ? " · 第" + t.attempt + "次" : ""));
          (t.priority_groups || []).forEach(function (g2) { sub.appendChild(el("span", { "class": "tag" }, g2)); });
          info.appendChild(sub);
          if (lastSaved && lastSaved.id === t.id) {
            li.classList.add("saved");
            info.appendChild(el("div", { "class": "saved-msg", role: "status" }, lastSaved.text));
          }
          li.appendChild(info);
          var btn = el("button", { type: "button", "class": t.done ? "secondary" : "" }, t.done ? "已访" : "走访");
          btn.addEventListener("click", function () { openForm(t); });
          li.appendChild(btn);
          list.appendChild(li);
        });
      });
      if (!tasks.length) list.appendChild(el("li", { "class": "muted" }, "今天没有待走访的住户"));
      else if (!list.children.length) list.appendChild(el("li", { "class": "muted" }, "没有找到“" + q + "”"));
    });
  }

  function loadTasks() {
    if (!navigator.onLine || !phaseId) return renderTasks();
    return fetch("/api/v1/visits/tasks?phase=" + phaseId, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (rows) {
        return S.all("outbox").then(function (pending) {
          var visited = {};
          pending.forEach(function (v) { if (v.task_id) visited[v.task_id] = v.outcome || "visited"; });
          rows.forEach(function (t, i) { t.position = i; t.done = !!visited[t.id]; t.outcome = visited[t.id] || ""; });
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

  var step = 1;
  var listScroll = 0;

  function outcome() { var c = form.querySelector("input[name=outcome]:checked"); return c ? c.value : ""; }

  // The visit form in four steps (结果 → 一访·测温 → 二三四访 → 问题·照片·保存), each about a screen;
  // someone not at home skips the questions. Only the last step saves.
  var LAST = 4;
  function showStep(n) {
    step = n;
    form.querySelectorAll(".step").forEach(function (sec) { sec.hidden = Number(sec.dataset.step) !== n; });
    form.querySelectorAll(".steps li").forEach(function (li) {
      li.classList.toggle("current", Number(li.dataset.for) === n);
      var n2 = Number(li.dataset.for);
      li.classList.toggle("skipped", (n2 === 2 || n2 === 3) && !!outcome() && outcome() !== "visited");
    });
    document.getElementById("step-back").hidden = n === 1;
    document.getElementById("step-next").hidden = n === LAST;
    document.getElementById("save").hidden = n !== LAST;
    document.getElementById("save-report").hidden = n !== LAST;
    document.getElementById("step-error").textContent = "";
    window.scrollTo(0, 0);
  }

  function nextStep() {
    if (step === 1 && !outcome()) { document.getElementById("step-error").textContent = "请先选择走访结果"; return; }
    showStep(step === 1 && outcome() !== "visited" ? LAST : step + 1);
  }

  function prevStep() { showStep(step === LAST && outcome() !== "visited" ? 1 : step - 1); }

  function openForm(task) {
    current = task;
    listScroll = window.scrollY;
    form.reset();
    document.getElementById("readings").innerHTML = "";
    addReading("卧室"); addReading("客厅");
    document.getElementById("form-title").textContent = task.address;
    document.getElementById("form-sub").textContent = task.resident + (task.phone ? " · " + task.phone : "");
    list.hidden = true; form.hidden = false;
    document.querySelectorAll(".field-tools").forEach(function (t) { t.hidden = true; });
    showStep(1);
    if (navigator.geolocation) {
      navigator.geolocation.getCurrentPosition(function (p) { position = p.coords; }, function () { position = null; }, { timeout: 5000, maximumAge: 60000 });
    }
  }

  // Back to the list where the worker was: the task just visited in view, with its confirmation.
  function closeForm(taskId) {
    form.hidden = true; list.hidden = false; current = null;
    document.querySelectorAll(".field-tools").forEach(function (t) { t.hidden = false; });
    var row = taskId ? list.querySelector('li[data-task="' + taskId + '"]') : null;
    if (row) row.scrollIntoView({ block: "center" });
    else window.scrollTo(0, listScroll);
  }

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
    if (!outcome()) { showStep(1); document.getElementById("step-error").textContent = "请先选择走访结果"; return; }
    var problemText = (form.elements.problem.value || "").trim();
    if (report && !problemText) { say("请先填写发现的问题"); return; }
    if (problemText && !form.elements.problem_category.value) { say("请选择问题类别"); return; }
    var c = collect(report);
    var task = current;
    var labels = { visited: "已入户", not_home: "不在家", refused: "拒访", vacant: "空置房" };
    Promise.all(c.photos.map(function (p) { return S.put("photos", p); }))
      .then(function () { return S.put("outbox", c.visit); })
      .then(function () { task.done = true; task.outcome = c.visit.outcome; return S.put("tasks", task); })
      .then(function () {
        var where = navigator.onLine ? "，正在同步…" : "在手机上，联网后自动同步";
        lastSaved = { id: task.id, text: "✓ 已保存（" + labels[c.visit.outcome] + (report ? "，已上报" : "") + "）" + where };
        say("已保存 " + task.address + where);
        return renderTasks();
      })
      .then(function () { closeForm(task.id); })
      .then(refreshCounts)
      .then(function () { if (navigator.onLine) return syncNow(); });
  }

  function syncNow() {
    return window.WennuanSync.syncAll().then(function (t) {
      if (t && !t.skipped) say("同步完成：" + t.sent + " 条" + (t.rejected ? "，" + t.rejected + " 条未被接收" : ""));
      if (t && !t.skipped && !t.rejected && lastSaved && lastSaved.text.indexOf("，正在同步…") >= 0) {
        lastSaved.text = lastSaved.text.replace("，正在同步…", "，已同步");
        renderTasks();
      }
      return refreshCounts();
    }).catch(function (e) { say("同步失败，稍后重试：" + e.message); return refreshCounts(); });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); save(false); });
  document.getElementById("save-report").addEventListener("click", function () { save(true); });
  document.getElementById("cancel").addEventListener("click", function () { var id = current && current.id; closeForm(id); });
  document.getElementById("step-next").addEventListener("click", nextStep);
  document.getElementById("step-back").addEventListener("click", prevStep);
  if (search) search.addEventListener("input", renderTasks);
  document.getElementById("add-reading").addEventListener("click", function () { addReading("其他"); });
  document.getElementById("sync-now").addEventListener("click", syncNow);
  form.querySelectorAll("input[name=outcome]").forEach(function (r) {
    r.addEventListener("change", function () { document.getElementById("step-error").textContent = ""; });
  });
  window.addEventListener("online", function () { showNet(); syncNow().then(loadTasks); });
  window.addEventListener("offline", showNet);

  if ("serviceWorker" in navigator) navigator.serviceWorker.register(root.dataset.sw || "/visits/sw.js", { scope: "/visits/" });
  showNet();
  refreshCounts().then(function () { return navigator.onLine ? syncNow() : null; }).then(loadTasks);
  window.WennuanField = { syncNow: syncNow, loadTasks: loadTasks };
})();
