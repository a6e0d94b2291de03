/* 问暖 field page: a tiny promise wrapper over IndexedDB. Stores:
   tasks (today's list, by id), outbox (visits not yet synced, by client_id),
   photos (blobs waiting for upload, by client_id), meta (key/value), conflicts (by client_id). */
(function () {
  "use strict";
  var DB_NAME = "wennuan-visits";
  var VERSION = 1;
  var STORES = { tasks: "id", outbox: "client_id", photos: "client_id", meta: "key", conflicts: "client_id" };
  var opening = null;

  function open() {
    if (opening) return opening;
    opening = new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = function () {
        var db = req.result;
        Object.keys(STORES).forEach(function (name) {
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: STORES[name] });
        });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
    return opening;
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result;
        work(tx.objectStore(store), function (value) { result = value; });
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  window.WennuanStore = {
    all: function (store) {
      return run(store, "readonly", function (s, done) {
        var req = s.getAll();
        req.onsuccess = function () { done(req.result); };
      });
    },
    get: function (store, key) {
      return run(store, "readonly", function (s, done) {
        var req = s.get(key);
        req.onsuccess = function () { done(req.result); };
      });
    },
    put: function (store, value) {
      return run(store, "readwrite", function (s) { s.put(value); });
    },
    remove: function (store, key) {
      return run(store, "readwrite", function (s) { s.delete(key); });
    },
    replaceAll: function (store, values) {
      return run(store, "readwrite", function (s) {
        s.clear();
        values.forEach(function (v) { s.put(v); });
      });
    },
  };
})();
