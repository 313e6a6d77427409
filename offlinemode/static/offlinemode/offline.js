// Saving courses for offline use, in pages (ADR 0041). Loaded after idb, db.js and queue.js on
// pages of a browser where the officer saved a course, and always on "On this device".
//
// - Registers the service worker (/sw.js, scope /) and says who uses the browser now: the
//   "state" store's "current" record, written on every page the server rendered (last_online:
//   when it did, by the server's clock) and cleared when the officer logs out.
// - Save, update and remove talk to the service worker (worker.js) through a MessageChannel.
// - The course page's "Save for offline" link says whether the course is saved, or has a newer
//   version, and saves in place; "On this device" lists what is saved, its size, the browser's
//   quota and whether storage is persistent.
// - A saved course whose cache the browser cleared is said and saved again while online; on
//   "On this device", also one whose SCORM lessons' caches the content origin lost.
// Every text the officer reads comes from the page (#offline-text, data attributes).
(function () {
  "use strict";
  var configElement = document.getElementById("offline-config");
  if (!configElement) return;
  var config = JSON.parse(configElement.textContent);
  var text = (document.getElementById("offline-text") || document.createElement("div")).dataset;
  var language = document.documentElement.lang || undefined;
  var database = self.offlineDb.open();

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function keyOf(course) {
    return config.officer + ":" + course;
  }

  function megabytes(bytes) {
    return new Intl.NumberFormat(language, {
      style: "unit",
      unit: "megabyte",
      maximumFractionDigits: 1
    }).format((bytes || 0) / 1e6);
  }

  // --- Who uses this browser now (contract 5) ---------------------------------------------

  async function rememberOfficer() {
    // One read-write transaction, as the worker marking "online" uses (they never interleave).
    var tx = (await database).transaction("state", "readwrite");
    var known = await tx.store.get("current");
    var lastOnline = config.served_at;
    if (known && known.officer === config.officer && known.last_online) {
      if (Date.parse(known.last_online) > Date.parse(lastOnline)) lastOnline = known.last_online;
    }
    await tx.store.put({
      id: "current",
      officer: config.officer,
      name: config.name,
      last_online: lastOnline
    });
    await tx.done;
  }

  function hookLogout() {
    document.querySelectorAll("form").forEach(function (form) {
      if (new URL(form.action, location.href).pathname !== config.logout) return;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        database
          .then(function (db) {
            return db.delete("state", "current");
          })
          .catch(function () {})
          .then(function () {
            form.submit();
          });
      });
    });
  }

  // --- Talking to the service worker ------------------------------------------------------

  function ask(message, onProgress) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var data = event.data;
          if (data.type === "progress") {
            if (onProgress) onProgress(data);
          } else if (data.type === "done") {
            resolve(data.result);
          } else {
            reject(new Error(data.message));
          }
        };
        message.officer = config.officer;
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  async function manifestOf(course) {
    var response = await fetch(config.manifest.replace("{course}", course), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    });
    if (!response.ok) throw new Error("manifest " + response.status);
    return response.json();
  }

  // The service worker is installed by the first save (or the "On this device" page), not by
  // every page with the offline scripts: a page adds no worker download to its first visit.
  function ensureWorker() {
    return navigator.serviceWorker.register(config.sw, { scope: "/" });
  }

  // --- SCORM lessons: saved on their content origin (ADR 0045) -------------------------------

  // Frame an offline launch's save document (hidden) and wait for what it says, from the content
  // origin only: "progress", then "done" or "error". Only "On this device" may frame it.
  function contentOrigin(url, onProgress, patience) {
    return new Promise(function (resolve, reject) {
      var frame = document.createElement("iframe");
      var timer = setTimeout(function () {
        finish(new Error("no answer from " + url));
      }, patience);
      function finish(error, result) {
        clearTimeout(timer);
        window.removeEventListener("message", heard);
        frame.remove();
        if (error) reject(error);
        else resolve(result);
      }
      function heard(event) {
        var said = event.data || {};
        if (event.origin !== config.scorm_frames || event.source !== frame.contentWindow) return;
        if (said.source !== "scorm-save") return;
        if (said.type === "progress") {
          if (onProgress) onProgress(said);
        } else if (said.type === "done") {
          finish(null, said.result);
        } else {
          finish(new Error(said.message));
        }
      }
      frame.hidden = true;
      frame.title = "";
      frame.setAttribute("aria-hidden", "true");
      frame.src = url;
      window.addEventListener("message", heard);
      document.body.appendChild(frame);
    });
  }

  function scormRemove(plays) {
    return Promise.all(
      (plays || []).map(function (play) {
        return contentOrigin(play.save_url + "?remove=1", null, 15000).catch(function () {});
      })
    );
  }

  // mayLeave: the officer asked to save here (a click), so the page may go to "On this device"
  // when the course has SCORM lessons to save and this page may not frame their origin.
  async function save(course, onProgress, mayLeave) {
    await ensureWorker();
    var manifest = await manifestOf(course);
    var plays = config.scorm_frames ? manifest.scorm || [] : [];
    if ((manifest.scorm || []).length && !config.scorm_frames && mayLeave) {
      location.assign(config.home + "?save=" + encodeURIComponent(course));
      return new Promise(function () {});
    }
    if (navigator.storage && navigator.storage.persist && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
    var before = await (await database).get("courses", keyOf(course));
    var result = await ask({ type: "save", manifest: manifest }, onProgress);
    // A SCORM lesson whose content origin this browser will not let keep anything (a site
    // other than the platform's, where third-party storage is blocked) needs a connection.
    var saved = [];
    var failed = [];
    for (var i = 0; i < plays.length; i++) {
      try {
        await contentOrigin(plays[i].save_url, onProgress, 300000);
        saved.push(plays[i]);
      } catch (error) {
        if (self.console) self.console.warn("offline: SCORM lesson not saved:", error);
        failed.push({ lesson: plays[i].lesson, title: plays[i].title, url: "" });
      }
    }
    if (failed.length) {
      var record = result.record;
      record.scorm = saved;
      record.needs_connection = (record.needs_connection || []).concat(failed);
      await (await database).put("courses", record);
    }
    var kept = saved.map(function (play) {
      return play.save_url;
    });
    await scormRemove(
      ((before && before.scorm) || []).filter(function (play) {
        return kept.indexOf(play.save_url) < 0;
      })
    );
    return result;
  }

  // The SCORM lessons of a saved course that need a connection, said beside it.
  function needsText(record) {
    var titles = ((record && record.needs_connection) || []).map(function (lesson) {
      return lesson.title;
    });
    return titles.length ? format(text.needs, { titles: titles.join(", ") }) : "";
  }

  function savingText(progress) {
    return format(text.saving, { done: progress.done, total: progress.total });
  }

  // Whether the server has a newer version of a saved course (null when it cannot be asked).
  async function isNewer(record) {
    if (!navigator.onLine) return null;
    try {
      return (await manifestOf(record.course)).version !== record.version;
    } catch (error) {
      return null;
    }
  }

  // --- The course page's link -------------------------------------------------------------

  async function courseLink(link) {
    var course = link.dataset.offlineSave;
    var record = await (await database).get("courses", keyOf(course));
    var newer = record ? await isNewer(record) : false;
    var needs = document.createElement("span");
    needs.className = "meta";
    link.after(needs);
    function show() {
      link.textContent = !record ? text.save : newer ? text.newer : text.saved;
      needs.textContent = record ? " " + needsText(record) : "";
    }
    show();
    link.addEventListener("click", function (event) {
      if (record && !newer) return; // to "On this device"
      event.preventDefault();
      link.setAttribute("aria-busy", "true");
      save(
        course,
        function (progress) {
          link.textContent = savingText(progress);
        },
        true
      )
        .then(function (result) {
          record = result.record;
          newer = false;
          show();
        })
        .catch(function () {
          link.textContent = text.failed;
        })
        .then(function () {
          link.removeAttribute("aria-busy");
        });
    });
  }

  // --- Storage the browser cleared --------------------------------------------------------

  var said = "";

  function say(message) {
    said = message;
    var where = document.getElementById("offline-message");
    if (where) {
      where.textContent = message;
      return;
    }
    // A screen reader announces a live region's changes, not a region that arrives with its
    // text: the region goes in empty, and the latest message a moment later.
    where = document.createElement("p");
    where.id = "offline-message";
    where.className = "messages";
    where.setAttribute("role", "status");
    document.getElementById("main").prepend(where);
    setTimeout(function () {
      where.textContent = said;
    }, 150);
  }

  // Saved courses whose SCORM lessons the content origin no longer holds (its storage cleared
  // on its own). Asked only where this page may frame that origin ("On this device") and
  // online: each lesson's save document answers "check" (one small request a lesson); one
  // that cannot be asked says nothing.
  async function scormCleared() {
    if (!config.scorm_frames || !navigator.onLine) return [];
    var records = await (await database).getAllFromIndex("courses", "officer", config.officer);
    var cleared = [];
    for (var i = 0; i < records.length; i++) {
      var plays = records[i].scorm || [];
      for (var j = 0; j < plays.length; j++) {
        var found = await contentOrigin(plays[j].save_url + "?check=1", null, 15000).catch(
          function () {
            return { saved: true };
          }
        );
        if (!found.saved) {
          cleared.push(records[i].course);
          break;
        }
      }
    }
    return cleared;
  }

  async function restoreCleared() {
    var missing = (await ask({ type: "check" })).missing;
    var known = missing.map(String);
    (await scormCleared()).forEach(function (course) {
      if (known.indexOf(String(course)) < 0) missing.push(course);
    });
    for (var i = 0; i < missing.length; i++) {
      var record = await (await database).get("courses", keyOf(missing[i]));
      var title = record ? record.title : "";
      say(format(text.evicted, { title: title }));
      if (!navigator.onLine) continue;
      await save(missing[i]);
      say(format(text.restored, { title: title }));
    }
  }

  // --- "On this device" -------------------------------------------------------------------

  async function listSaved(section) {
    var strings = section.dataset;
    var records = await (await database).getAllFromIndex("courses", "officer", config.officer);
    var list = document.getElementById("offline-courses");
    var row = document.getElementById("offline-course-row");
    list.textContent = "";
    document.getElementById("offline-empty").hidden = records.length > 0;
    records.forEach(function (record) {
      var item = row.content.firstElementChild.cloneNode(true);
      var field = function (name) {
        return item.querySelector('[data-field="' + name + '"]');
      };
      field("title").textContent = record.title;
      field("title").href = record.url;
      field("size").textContent =
        format(strings.size, { size: megabytes(record.bytes) }) +
        " · " +
        format(strings.savedAt, {
          date: new Date(record.saved_at).toLocaleDateString(language)
        });
      field("needs").textContent = needsText(record);
      isNewer(record).then(function (newer) {
        if (newer !== null) field("status").textContent = newer ? strings.newer : strings.current;
      });
      item.querySelector('[data-action="update"]').addEventListener("click", function () {
        save(record.course, function (progress) {
          say(savingText(progress));
        })
          .then(function () {
            say(text.saved + ": " + record.title);
            return listSaved(section);
          })
          .catch(function () {
            say(text.failed);
          });
      });
      item.querySelector('[data-action="remove"]').addEventListener("click", function () {
        scormRemove(record.scorm)
          .then(function () {
            return ask({ type: "remove", course: record.course });
          })
          .then(function () {
            say(format(strings.removed, { title: record.title }));
            return listSaved(section);
          });
      });
      list.appendChild(item);
    });
    if (navigator.storage && navigator.storage.estimate) {
      var estimate = await navigator.storage.estimate();
      document.getElementById("offline-total").textContent = format(strings.total, {
        size: megabytes(estimate.usage),
        quota: megabytes(estimate.quota)
      });
      var persisted = navigator.storage.persisted && (await navigator.storage.persisted());
      document.getElementById("offline-persist").textContent = persisted
        ? strings.persisted
        : strings.notPersisted;
    }
  }

  async function homePage(section) {
    var wanted = new URLSearchParams(location.search).get("save");
    if (wanted) {
      history.replaceState(null, "", location.pathname);
      say(savingText({ done: 0, total: "…" }));
      try {
        var result = await save(wanted, function (progress) {
          say(savingText(progress));
        });
        say(text.saved + ": " + result.record.title);
      } catch (error) {
        say(text.failed);
        if (self.console) self.console.warn("offline:", error);
      }
    }
    await listSaved(section);
  }

  // --- On every page ----------------------------------------------------------------------

  async function start() {
    hookLogout();
    await rememberOfficer();
    var home = document.getElementById("offline-saved");
    if (!("serviceWorker" in navigator)) {
      var insecure = document.getElementById("offline-insecure");
      if (insecure) insecure.hidden = false;
      if (home) home.hidden = true;
      return;
    }
    var saved = await (await database).countFromIndex("courses", "officer", config.officer);
    if (home || saved) ensureWorker().catch(function () {});
    document.querySelectorAll("[data-offline-save]").forEach(courseLink);
    if (home) await homePage(home);
    // Where a worker runs (this officer or another saved here), it keeps this officer's
    // offline page too.
    var worker = home || saved || navigator.serviceWorker.controller;
    if (!navigator.onLine || !worker) return;
    // The offline page of this officer, kept again when opened online, else once.
    await ask({ type: "start-page", ifMissing: !home }).catch(function () {});
    await restoreCleared();
  }

  start().catch(function (error) {
    // Saving is an extra: the page works without it.
    if (self.console) self.console.warn("offline:", error);
  });
})();
