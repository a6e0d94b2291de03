/* 问暖 field page: sending the outbox. Every visit keeps the UUID made when it was saved, so sending a
   batch twice (a lost response, a retry) updates the same rows on the server and never duplicates.
   A visit leaves the outbox only after the server confirmed it; a rejected one stays, with the reason. */
(function () {
  "use strict";
  var S = window.WennuanStore;
  var BATCH = 50;
  var running = null;

  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  function post(url, body, isForm) {
    var headers = { "X-CSRFToken": csrfToken() };
    if (!isForm) headers["Content-Type"] = "application/json";
    return fetch(url, { method: "POST", credentials: "same-origin", headers: headers, body: isForm ? body : JSON.stringify(body) })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status === 401 || r.status === 403 ? "登录已失效，请重新登录后同步" : "服务器错误 " + r.status);
        return r.json();
      });
  }

  function forServer(v) {
    var copy = Object.assign({}, v);
    delete copy.photo_ids; delete copy.error; delete copy.label; delete copy.saved_at;
    return copy;
  }

  function sendBatch(batch) {
    return post("/api/v1/visits/sync", { visits: batch.map(forServer) }).then(function (body) {
      var steps = body.results.map(function (r) {
        var local = batch.find(function (v) { return v.client_id === r.client_id; });
        if (r.status === "rejected") {
          local.error = r.error;
          return S.put("outbox", local);
        }
        var after = r.conflict ? S.put("conflicts", { client_id: r.client_id, label: local.label, at: local.visited_at }) : Promise.resolve();
        return after.then(function () { return uploadPhotos(local); }).then(function (allUp) {
          // Photos not yet uploaded keep the visit in the outbox; resending it is harmless (idempotent).
          return allUp ? S.remove("outbox", local.client_id) : S.put("outbox", local);
        });
      });
      return Promise.all(steps).then(function () { return body; });
    });
  }

  function uploadPhotos(visit) {
    var ids = visit.photo_ids || [];
    return ids.reduce(function (chain, id) {
      return chain.then(function (ok) {
        return S.get("photos", id).then(function (p) {
          if (!p) return ok;
          var form = new FormData();
          form.append("visit_client_id", visit.client_id);
          form.append("client_id", p.client_id);
          form.append("file", p.blob, p.name || "photo.jpg");
          return post("/api/v1/visits/photos", form, true)
            .then(function () { return S.remove("photos", id).then(function () { return ok; }); })
            .catch(function () { return false; });
        });
      });
    }, Promise.resolve(true));
  }

  function syncAll() {
    if (running) return running;
    if (!navigator.onLine) return Promise.resolve({ skipped: true });
    running = S.all("outbox").then(function (pending) {
      var batches = [];
      for (var i = 0; i < pending.length; i += BATCH) batches.push(pending.slice(i, i + BATCH));
      var totals = { sent: 0, rejected: 0 };
      return batches.reduce(function (chain, b) {
        return chain.then(function () {
          return sendBatch(b).then(function (body) { totals.sent += b.length; totals.rejected += body.rejected; });
        });
      }, Promise.resolve()).then(function () { return totals; });
    }).finally(function () { running = null; });
    return running;
  }

  window.WennuanSync = { syncAll: syncAll, csrfToken: csrfToken };
})();
