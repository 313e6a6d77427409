/* The content origin's service worker (ADR 0045), loaded by /scorm-runtime/sw.js after
 * Workbox and outbox.js. Scope /scorm-: the launch documents and package files of offline
 * launches, and the static files they load.
 *
 * - "save" (from the save document): one Workbox PrecacheController per offline launch, cache
 *   "scorm-<launch>", from the {url, revision} entries the server listed (package files by their
 *   SHA-256): installing fetches only what changed, activating drops what is no longer listed.
 *   Progress, done or failure go back on the message's port. "remove" deletes that cache.
 * - Launch documents go to the network first (no-store: a fresh seed when online), the saved
 *   copy when it fails; so does the save document that removes a launch ("?remove=1", saved
 *   with it: a course removed from the device offline takes its SCORM lessons with it); every
 *   other GET the saved copy first (byte ranges cut from it), then the network.
 * - The outbox of commits is sent on Background Sync ("scorm-outbox") where the frame could
 *   register it, and otherwise on the worker's next fetch.
 */
(function () {
  "use strict";
  var wb = self.workbox;
  var RUNTIME = /^\/scorm-runtime\/[^/]+\/[0-9]+\/[^/]+\/[0-9]+\/$/;

  function precacheOf(data, plugins) {
    var controller = new wb.precaching.PrecacheController({ cacheName: data.cache, plugins: plugins });
    controller.addToCacheList(
      data.entries.map(function (entry) {
        return { url: entry.url, revision: entry.revision };
      })
    );
    return controller;
  }

  async function save(data, port) {
    var progress = { done: 0, total: 0 };
    var counter = {
      fetchDidSucceed: async function (param) {
        progress.done += 1;
        port.postMessage(Object.assign({ type: "progress" }, progress));
        return param.response;
      }
    };
    var controller = precacheOf(data, [counter]);
    var held = new Set(
      (await (await caches.open(data.cache)).keys()).map(function (request) {
        return request.url;
      })
    );
    controller.getURLsToCacheKeys().forEach(function (key) {
      if (!held.has(key)) progress.total += 1;
    });
    port.postMessage(Object.assign({ type: "progress" }, progress));
    // PrecacheController installs in the worker's install event only; a save is a message.
    var installing = { type: "install", waitUntil: function () {} };
    await controller.install(installing);
    await controller.activate(installing);
    return { fetched: progress.done, files: data.entries.length };
  }

  async function remove(data) {
    await caches.delete(data.cache);
    return {};
  }

  var asked = { save: save, remove: remove };
  self.addEventListener("message", function (event) {
    var data = event.data || {};
    var port = event.ports && event.ports[0];
    var work = port && asked[data.type];
    if (!work || event.origin !== self.location.origin) return;
    event.waitUntil(
      work(data, port).then(
        function (result) {
          port.postMessage({ type: "done", result: result });
        },
        function (error) {
          port.postMessage({ type: "error", message: String((error && error.message) || error) });
        }
      )
    );
  });

  function saved(request) {
    return caches.match(request.url, { ignoreSearch: true });
  }

  async function fromSaved(request) {
    var found = await saved(request);
    if (!found) return fetch(request);
    if (request.headers.has("range")) {
      return wb.rangeRequests.createPartialResponse(request, found);
    }
    return found;
  }

  async function runtimeDocument(request) {
    try {
      return await fetch(request);
    } catch (error) {
      var found = await saved(request);
      if (found) return found;
      throw error;
    }
  }

  var flushing = null;
  function flushSoon() {
    if (!flushing) {
      flushing = self.scormOutbox
        .flush()
        .catch(function () {})
        .then(function () {
          flushing = null;
        });
    }
    return flushing;
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) return;
    if (url.pathname === "/scorm-runtime/sw.js") return;
    if (/\/save\/$/.test(url.pathname)) {
      if (url.searchParams.get("remove") === "1") event.respondWith(runtimeDocument(request));
      return;
    }
    if (RUNTIME.test(url.pathname)) {
      event.respondWith(runtimeDocument(request));
      event.waitUntil(flushSoon());
      return;
    }
    event.respondWith(fromSaved(request));
  });

  self.addEventListener("sync", function (event) {
    if (event.tag === "scorm-outbox") event.waitUntil(self.scormOutbox.flush());
  });
  self.addEventListener("install", function (event) {
    event.waitUntil(self.skipWaiting());
  });
  self.addEventListener("activate", function (event) {
    event.waitUntil(self.clients.claim());
  });
})();
