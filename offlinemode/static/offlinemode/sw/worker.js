// The service worker's own code (loaded last by /sw.js; ADR 0041). Workbox does the caching:
//
// - A course saved by an officer is one workbox-precaching PrecacheController, cache
//   "course-<officer>-<course id>", built from the course's offline manifest ({url, revision}
//   entries): saving and updating install it (only entries whose revision changed are fetched)
//   then activate it (entries no longer listed are deleted); removing deletes its cache. Pages
//   drive it by messages (save, remove, check, start-page) and hear its progress.
// - Navigations go to the network; when it fails (or is slow and the page is saved), the page
//   saved by the officer who uses this browser now (IndexedDB "state" "current": never another
//   officer's) is served, a lesson recording "lesson_opened" in the activity queue; a page not
//   saved gets the officer's offline start page (the "On this device" page, kept per officer).
// - Other requests of this site: a saved copy of the current officer's first (media seek offline
//   through RangeRequestsPlugin), static files with a hashed name cache-first, the rest network.
// - Never served from a cache: anything but GET, and the paths in offlineWorkerConfig.never.
(function () {
  "use strict";
  var config = self.offlineWorkerConfig;
  var wb = self.workbox;
  var START_CACHE = "offline-start";
  var STATIC_CACHE = "offline-static";
  // A dead link falls back to the saved page after this long; a page not saved waits on.
  var NETWORK_WAIT_MS = 4000;
  var HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

  var dbPromise = null;
  function db() {
    if (!dbPromise) dbPromise = self.offlineDb.open();
    return dbPromise;
  }

  function cacheName(officer, course) {
    return "course-" + officer + "-" + course;
  }

  function absolute(url) {
    return new URL(url, self.location.href).href;
  }

  function never(pathname) {
    return config.never.some(function (prefix) {
      return pathname.indexOf(prefix) === 0;
    });
  }

  // Pages fetched to be saved say so: the server then records no lesson as opened.
  var savingPlugin = {
    requestWillFetch: async function (param) {
      var headers = new Headers(param.request.headers);
      headers.set(config.savingHeader, "1");
      return new Request(param.request, { headers: headers });
    }
  };

  function precacheOf(officer, manifest, plugins) {
    var controller = new wb.precaching.PrecacheController({
      cacheName: cacheName(officer, manifest.course),
      plugins: [savingPlugin].concat(plugins || [])
    });
    controller.addToCacheList(
      manifest.entries.map(function (entry) {
        return { url: entry.url, revision: entry.revision };
      })
    );
    return controller;
  }

  // The controllers of saved courses, kept while the saved version is the same.
  var controllers = new Map();
  function controllerFor(record) {
    var name = cacheName(record.officer, record.course);
    var known = controllers.get(name);
    if (known && known.version === record.version) return known.controller;
    var controller = precacheOf(record.officer, record);
    controllers.set(name, { version: record.version, controller: controller });
    return controller;
  }

  async function current() {
    var database = await db();
    var state = await database.get("state", "current");
    if (!state) return { officer: null, records: [] };
    var records = await database.getAllFromIndex("courses", "officer", state.officer);
    return { officer: state.officer, records: records };
  }

  function findSaved(url, records) {
    for (var i = 0; i < records.length; i++) {
      var key = controllerFor(records[i]).getCacheKeyForURL(url);
      if (key) {
        var entry = records[i].entries.find(function (e) {
          return absolute(e.url) === url;
        });
        return { record: records[i], key: key, entry: entry };
      }
    }
    return null;
  }

  var rangePlugin = new wb.rangeRequests.RangeRequestsPlugin();
  function fromSaved(found, request, event) {
    var strategy = new wb.strategies.CacheOnly({
      cacheName: cacheName(found.record.officer, found.record.course),
      plugins: [
        {
          cacheKeyWillBeUsed: async function () {
            return found.key;
          }
        },
        rangePlugin
      ]
    });
    return strategy.handle({ event: event, request: request });
  }

  function startKey(officer) {
    return absolute(config.home) + "?officer=" + encodeURIComponent(officer);
  }

  async function keepStartPage(officer) {
    var response = await fetch(config.home, { credentials: "same-origin", cache: "reload" });
    if (response.ok && !response.redirected) {
      await (await caches.open(START_CACHE)).put(startKey(officer), response);
    }
  }

  async function startPage() {
    var now = await current();
    var page = now.officer && (await (await caches.open(START_CACHE)).match(startKey(now.officer)));
    return page || Response.error();
  }

  async function savedNavigation(request, event) {
    var now = await current();
    var found = now.officer ? findSaved(request.url, now.records) : null;
    if (!found) return null;
    var response = await fromSaved(found, request, event).catch(function () {
      return null;
    });
    if (response && found.entry && found.entry.kind === "lesson" && self.offlineQueue) {
      event.waitUntil(
        self.offlineQueue
          .add("lesson_opened", { lesson: found.entry.lesson }, now.officer)
          .catch(function () {})
      );
    }
    return response;
  }

  // The server answered a navigation: the officer is online now. (A page's own served_at can
  // be older: a lesson page may come from the server's per-officer page cache.)
  async function markOnline() {
    // One read-write transaction: a page writing who is here now cannot come in between.
    var tx = (await db()).transaction("state", "readwrite");
    var now = await tx.store.get("current");
    if (now && now.officer) {
      now.last_online = new Date().toISOString();
      await tx.store.put(now);
    }
    await tx.done;
  }

  // The catalogue and My learning (offlineWorkerConfig.kept): the copy the server last sent
  // each officer is kept, keyed by the officer the page itself names (its offline-config), so
  // offline they open as last seen and lead to the saved courses. Never another officer's.
  var PAGES_CACHE = "offline-pages";
  var CONFIG_IN_PAGE = /<script id="offline-config" type="application\/json">([^<]*)<\/script>/;

  function isKept(url) {
    return !url.search && config.kept.indexOf(url.pathname) >= 0;
  }

  function keptKey(url, officer) {
    return absolute(url.pathname) + "?officer=" + encodeURIComponent(officer);
  }

  async function keepPage(url, response) {
    var found = CONFIG_IN_PAGE.exec(await response.clone().text());
    var officer = found && JSON.parse(found[1]).officer;
    if (officer) await (await caches.open(PAGES_CACHE)).put(keptKey(url, officer), response);
  }

  async function keptPage(url) {
    var now = await current();
    if (!now.officer || !isKept(url)) return null;
    return (await (await caches.open(PAGES_CACHE)).match(keptKey(url, now.officer))) || null;
  }

  var networkOnly = new wb.strategies.NetworkOnly();
  var staticFirst = new wb.strategies.CacheFirst({
    cacheName: STATIC_CACHE,
    plugins: [new wb.cacheableResponse.CacheableResponsePlugin({ statuses: [200] })]
  });

  async function navigate(options) {
    var request = options.request;
    var event = options.event;
    var network = networkOnly.handle({ event: event, request: request });
    network.catch(function () {});
    var timer;
    var slow = new Promise(function (resolve) {
      timer = setTimeout(resolve, NETWORK_WAIT_MS, "slow");
    });
    try {
      var first = await Promise.race([network, slow]);
      if (first !== "slow") {
        event.waitUntil(markOnline());
        if (first.ok && !first.redirected && isKept(options.url)) {
          event.waitUntil(keepPage(options.url, first.clone()).catch(function () {}));
        }
        return first;
      }
      return (await savedNavigation(request, event)) || (await network);
    } catch (error) {
      return (
        (await savedNavigation(request, event)) || (await keptPage(options.url)) || startPage()
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async function subresource(options) {
    var now = await current();
    var found = now.officer ? findSaved(options.request.url, now.records) : null;
    if (found) {
      try {
        return await fromSaved(found, options.request, options.event);
      } catch (error) {
        // not in the cache after all (evicted): the network's copy
      }
    }
    var path = options.url.pathname;
    if (path.indexOf(config.static) === 0 && HASHED.test(path)) return staticFirst.handle(options);
    return networkOnly.handle(options);
  }

  wb.routing.registerRoute(function (options) {
    return options.request.mode === "navigate";
  }, navigate);
  wb.routing.registerRoute(function (options) {
    return options.sameOrigin && !never(options.url.pathname);
  }, subresource);

  // --- What pages ask (MessageChannel: progress messages, then done or error) -------------

  async function save(data, port) {
    var manifest = data.manifest;
    var sizes = new Map();
    manifest.entries.forEach(function (entry) {
      sizes.set(absolute(entry.url), entry.bytes || 0);
    });
    var progress = { done: 0, total: 0, bytes: 0, totalBytes: 0 };
    var counter = {
      fetchDidSucceed: async function (param) {
        progress.done += 1;
        progress.bytes += sizes.get(param.request.url) || 0;
        port.postMessage(Object.assign({ type: "progress" }, progress));
        return param.response;
      }
    };
    var controller = precacheOf(data.officer, manifest, [counter]);
    var name = cacheName(data.officer, manifest.course);
    var cache = await caches.open(name);
    var held = new Set(
      (await cache.keys()).map(function (request) {
        return request.url;
      })
    );
    controller.getURLsToCacheKeys().forEach(function (key, url) {
      if (!held.has(key)) {
        progress.total += 1;
        progress.totalBytes += sizes.get(url) || 0;
      }
    });
    port.postMessage(Object.assign({ type: "progress" }, progress));
    // PrecacheController installs in the worker's install event only; a save is a message.
    var installing = { type: "install", waitUntil: function () {} };
    await controller.install(installing);
    await controller.activate(installing);
    var bytes = 0;
    for (var i = 0; i < manifest.entries.length; i++) {
      var entry = manifest.entries[i];
      if (entry.bytes) {
        bytes += entry.bytes;
      } else {
        var kept = await cache.match(controller.getCacheKeyForURL(entry.url));
        bytes += kept ? (await kept.blob()).size : 0;
      }
    }
    var record = {
      key: data.officer + ":" + manifest.course,
      officer: data.officer,
      course: manifest.course,
      title: manifest.title,
      url: manifest.url,
      language: manifest.language,
      version: manifest.version,
      saved_at: new Date().toISOString(),
      bytes: bytes,
      entries: manifest.entries,
      // SCORM lessons (ADR 0045): saved on the content origin by the page; the others need a
      // connection.
      scorm: manifest.scorm || [],
      needs_connection: manifest.needs_connection || []
    };
    await (await db()).put("courses", record);
    controllers.delete(name);
    await keepStartPage(data.officer).catch(function () {});
    return { record: record, fetched: progress.done };
  }

  async function remove(data) {
    await caches.delete(cacheName(data.officer, data.course));
    await (await db()).delete("courses", data.officer + ":" + data.course);
    controllers.delete(cacheName(data.officer, data.course));
    return {};
  }

  // Courses the officer saved whose cache is gone or incomplete (the browser cleared storage).
  async function check(data) {
    var records = await (await db()).getAllFromIndex("courses", "officer", data.officer);
    var missing = [];
    for (var i = 0; i < records.length; i++) {
      var name = cacheName(data.officer, records[i].course);
      var held = new Set();
      if (await caches.has(name)) {
        (await (await caches.open(name)).keys()).forEach(function (request) {
          held.add(request.url);
        });
      }
      var complete = Array.from(controllerFor(records[i]).getURLsToCacheKeys().values()).every(
        function (key) {
          return held.has(key);
        }
      );
      if (!complete) missing.push(records[i].course);
    }
    return { missing: missing };
  }

  async function startPageAsked(data) {
    var kept = await (await caches.open(START_CACHE)).match(startKey(data.officer));
    if (!kept || !data.ifMissing) await keepStartPage(data.officer);
    return {};
  }

  var asked = { save: save, remove: remove, check: check, "start-page": startPageAsked };
  self.addEventListener("message", function (event) {
    var data = event.data || {};
    var port = event.ports && event.ports[0];
    var work = port && asked[data.type];
    if (!work) return;
    var done = current().then(function (now) {
      // A page speaks for the officer who uses the browser now, and only for them.
      if (now.officer !== data.officer) throw new Error("not the current officer");
      return work(data, port);
    });
    event.waitUntil(
      done.then(
        function (result) {
          port.postMessage({ type: "done", result: result });
        },
        function (error) {
          port.postMessage({ type: "error", message: String((error && error.message) || error) });
        }
      )
    );
  });

  // The offline start page of whoever uses the browser now is kept when the worker installs
  // (and again whenever a course is saved or the page is opened online).
  self.addEventListener("install", function (event) {
    event.waitUntil(
      current()
        .then(function (now) {
          return now.officer && keepStartPage(now.officer);
        })
        .catch(function () {})
        .then(function () {
          return self.skipWaiting();
        })
    );
  });
  self.addEventListener("activate", function (event) {
    event.waitUntil(self.clients.claim());
  });
})();
