/* 问暖 field page service worker (scope /visits/). The page and its files are kept so the field page
   opens without a network; pages and API reads go to the network first and fall back to the copy.
   POSTs (sync, photos) are never cached or replayed here: the page's outbox owns them. */
"use strict";
var CACHE = "wennuan-field-v2";  // bumped when the page's files change, so phones drop the old copy
var SHELL = ["/visits/field/", "/static/wennuan/app.css", "/static/visits/field.css", "/static/visits/store.js",
             "/static/visits/sync.js", "/static/visits/field.js", "/static/visits/icon.svg", "/visits/manifest.webmanifest"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  var cacheable = url.pathname === "/visits/field/" || url.pathname.indexOf("/static/") === 0 ||
                  url.pathname === "/visits/manifest.webmanifest" || url.pathname === "/api/v1/visits/tasks";
  if (!cacheable) return;
  event.respondWith(
    fetch(req).then(function (resp) {
      if (resp.ok && !resp.redirected) {
        var copy = resp.clone();
        caches.open(CACHE).then(function (c) { c.put(req, copy); });
      }
      return resp;
    }).catch(function () {
      // Django pages vary on Cookie, which a service worker cannot see; the copy is this user's own page.
      return caches.match(req, { ignoreVary: true, ignoreSearch: url.pathname.indexOf("/static/") === 0 }).then(function (hit) {
        return hit || new Response("离线，且没有缓存", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      });
    })
  );
});
