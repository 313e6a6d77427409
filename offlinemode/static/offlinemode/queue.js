// Activity made offline, queued in IndexedDB and sent to the server once it is reachable.
// One file for pages and the service worker (loaded in both after idb and db.js): it defines
// self.offlineQueue = {add, flush, count, ensureDevice} (issue 15, contract 2).
//
// Items (contract 4) are signed with this browser's ECDSA P-256 key for the officer, made here
// by WebCrypto; its private half is not extractable and stays in the "devices" store. The
// public half is registered at /offline/devices/ from a page (with its CSRF token); the
// server applies an item only when that key signed it, and answers each item once:
// accepted, duplicate (sent before) or refused with a reason. Answered items leave "queue"
// and their answers go to "results" (key: item id) as
//   {id, officer, kind, payload, status, first, reason, feedback, answered_at, dismissed}
// ("first": what the item got the first time it arrived; a check's marking is "feedback").
// Refused items another officer made, or made before this device was registered, stay queued.
// An item refused because its device was withdrawn (a lost phone, on the officer's or their
// coordinator's "Devices for offline use" page) leaves with its reason, and this browser drops
// that key: it registers a new one, as a new device. The results kept are pruned: an officer's
// results they have seen go after RESULTS_DAYS, and all but their latest RESULTS_KEPT.
//
// Every change to the queue or the results (an item added or answered, by a page, another tab,
// or the worker, which adds "lesson_opened" when it serves a saved lesson offline) is said on
// the BroadcastChannel "offline-queue" with the answers it brought; open pages then read the
// count from IndexedDB again (render: the one place the count is read).
//
// Pages: flushes on load and on "online" when online, after add(), and when the service worker
// says it sent some (Background Sync, tag "offline-activity"); shows the queue in a status list
// at the top of <main>; a "Mark as complete" form (data-next) submitted offline is queued and
// the officer goes on to data-next. Its words come from the page (offline-config.queue).
(function (global) {
  "use strict";
  var inPage = typeof document !== "undefined";
  var TAG = "offline-activity";
  var BATCH = 100; // items per request (the server takes at most 200 and 256 KB)
  var MAX_ITEM = 64 * 1024; // characters of one item: one always fits in a request
  var KEPT = { other_officer: true, device_unknown: true };
  var NOTICE = "offline-completed";
  var RESULTS_KEPT = 200; // an officer's latest results kept, seen or not
  var RESULTS_DAYS = 30; // a result the officer has seen is kept this long
  var WITHDRAWN = "device_revoked";
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("offline-queue") : null;
  var config = readConfig();
  var words = config.queue || {};
  var opened = null;
  var flushing = null;
  var nextFlush = null; // the flush asked for while one runs
  var problem = ""; // "login" when the server wants the officer to log in again
  var sentNow = false;
  var unreached = false; // the last flush could not reach the server (offline, server down)

  function readConfig() {
    var element = inPage && document.getElementById("offline-config");
    if (element) return JSON.parse(element.textContent);
    // The worker: its own settings where they say (offlineWorkerConfig), else below its scope
    // (the worker is served at the site's root).
    var worker = global.offlineWorkerConfig || {};
    var scope = (global.registration && global.registration.scope) || global.location.origin + "/";
    return {
      activity: worker.activity || new URL("offline/activity/", scope).href,
      devices: worker.devices || new URL("offline/devices/", scope).href
    };
  }

  function db() {
    if (!opened) opened = global.offlineDb.open();
    return opened;
  }

  // The bytes a device signs: JSON with keys sorted at every level, no spaces (the server's
  // json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)).
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + canonical(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function base64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // An id made on the device (a device's, an item's): a random (version 4) UUID. The same rule
  // as the SCORM runtime's newAttempt (scormplayer/runtime.js): crypto.randomUUID where the
  // browser has it, else the same 122 random bits from crypto.getRandomValues, which every
  // browser has in every context. Here the page is a secure context (a service worker and
  // crypto.subtle need one), yet randomUUID is younger than both: Safari before 15.4 and the
  // Chrome of Android phones that stopped updating (before 92) have a worker and WebCrypto
  // but no randomUUID, and this file runs there (it needs no BroadcastChannel either).
  function newId() {
    if (self.crypto.randomUUID) return self.crypto.randomUUID();
    var b = self.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(b, function (x) {
      return ("0" + x.toString(16)).slice(-2);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // This browser's key for the officer, made (not yet registered) if there is none.
  async function deviceFor(officer) {
    var store = await db();
    var found = await store.get("devices", officer);
    if (found) return found;
    var keys = await crypto.subtle.generateKey(
      { name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    var made = { officer: officer, device: newId(), keys: keys, seq: 0, registered: false };
    var tx = store.transaction("devices", "readwrite");
    var again = await tx.store.get(officer); // made meanwhile by the worker or another tab
    if (!again) await tx.store.add(made);
    await tx.done;
    return again || made;
  }

  async function updateDevice(officer, change) {
    var tx = (await db()).transaction("devices", "readwrite");
    var record = await tx.store.get(officer);
    if (record) {
      change(record);
      await tx.store.put(record);
    }
    await tx.done;
    return record;
  }

  function csrfToken() {
    var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return cookie ? decodeURIComponent(cookie[1]) : field ? field.value : "";
  }

  // Registered once per log-in session even when registered before (config.device_seen false
  // in a page of a new session): the server then links the device to this session, the one
  // withdrawing the device logs out.
  var seenHere = false;

  async function ensureDevice(officer, renewed) {
    var device = await deviceFor(officer);
    if (device.registered && (!inPage || seenHere || config.device_seen !== false)) return device;
    if (!inPage) throw new Error("a device registers from a page");
    var publicKey = await crypto.subtle.exportKey("jwk", device.keys.publicKey);
    var response = await fetch(config.devices, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ device: device.device, public_key: publicKey })
    });
    if (response.status === 409 && !renewed) {
      // Withdrawn (an officer keeps 20 devices) or known with another key: a new device.
      await (await db()).delete("devices", officer);
      return ensureDevice(officer, true);
    }
    if (response.status === 401 || response.type === "opaqueredirect") problem = "login";
    if (!response.ok) throw new Error("device not registered: " + response.status);
    seenHere = true;
    return updateDevice(officer, function (record) { record.registered = true; });
  }

  async function add(kind, payload, officer) {
    await deviceFor(officer);
    var device = await updateDevice(officer, function (record) { record.seq += 1; });
    var item = {
      id: newId(), device: device.device, officer: officer, seq: device.seq,
      kind: kind, made_at: new Date().toISOString(), payload: payload
    };
    var signature = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" }, device.keys.privateKey,
      new TextEncoder().encode(canonical(item)));
    item.sig = base64url(signature);
    if (JSON.stringify(item).length > MAX_ITEM) throw new Error("an item too large to send");
    await (await db()).put("queue", item);
    changed([]);
    askForSync();
    if (inPage) {
      if (navigator.onLine) flush();
      render();
    }
    return item;
  }

  async function count(officer) {
    return (await db()).countFromIndex("queue", "officer", officer);
  }

  function askForSync() {
    var asked = inPage ? "serviceWorker" in navigator && navigator.serviceWorker.getRegistration()
      : Promise.resolve(global.registration);
    if (!asked) return;
    asked.then(function (registration) {
      if (registration && registration.sync) return registration.sync.register(TAG);
    }).catch(function () { /* no Background Sync: the next visit sends */ });
  }

  async function currentOfficer() {
    if (inPage) return config.officer;
    var current = await (await db()).get("state", "current");
    return current ? current.officer : null;
  }

  // One flush at a time; one asked for meanwhile (an item added while a flush runs, which
  // read the queue before it) runs after it, once, for whoever asked.
  function flush() {
    if (flushing) {
      if (!nextFlush) {
        nextFlush = flushing.catch(function () {}).then(function () {
          nextFlush = null;
          return flush();
        });
      }
      return nextFlush;
    }
    var run = global.navigator && navigator.locks
      ? navigator.locks.request(TAG, flushNow) : flushNow();
    var done = function () { flushing = null; };
    flushing = run.then(function (summary) { done(); return summary; }, function (error) {
      done();
      throw error;
    });
    return flushing;
  }

  async function flushNow() {
    var summary = { sent: 0, accepted: 0, duplicate: 0, refused: 0, waiting: 0 };
    var officer = await currentOfficer();
    if (officer === null || officer === undefined) return summary;
    var store = await db();
    var items = await store.getAllFromIndex("queue", "officer", officer);
    var answered = [];
    unreached = false;
    if (items.length) {
      try {
        await ensureDevice(officer);
        items.sort(function (a, b) { return a.seq - b.seq; });
        for (var start = 0; start < items.length; start += BATCH) {
          var batch = items.slice(start, start + BATCH);
          var results = await send(batch);
          if (!results) break;
          summary.sent += results.sent;
          answered = answered.concat(await keep(officer, batch, results.answers));
        }
      } catch (error) {
        unreached = true; // offline, or the server did not answer: the items stay
      }
    }
    answered.forEach(function (result) { summary[result.status] += 1; });
    summary.waiting = await count(officer);
    if (answered.length) announce(answered);
    // "All sent" stays said once something was sent (here, or by the worker: a flush that
    // finds the queue emptied meanwhile must not take it back) until something waits again.
    sentNow = (sentNow || summary.sent > 0) && summary.waiting === 0;
    if (inPage) await render();
    return summary;
  }

  // The server's answers to a batch ({sent, answers}), or null when it wants a log-in (the
  // items stay). A batch too large for one request goes in halves.
  async function send(batch) {
    var response = await fetch(config.activity, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ device: batch[0].device, sent_at: new Date().toISOString(), items: batch })
    });
    if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
      problem = "login";
      return null;
    }
    if (response.status === 413 && batch.length > 1) {
      var half = Math.ceil(batch.length / 2);
      var first = await send(batch.slice(0, half));
      var second = first && await send(batch.slice(half));
      if (!second) return first;
      return { sent: first.sent + second.sent, answers: first.answers.concat(second.answers) };
    }
    if (!response.ok) throw new Error("not sent: " + response.status);
    problem = "";
    return { sent: batch.length, answers: (await response.json()).results };
  }

  // Move answered items from "queue" to "results"; the ones kept are left queued.
  async function keep(officer, batch, results) {
    var store = await db();
    var known = new Set(await store.getAllKeys("results"));
    var byId = new Map(batch.map(function (item) { return [item.id, item]; }));
    var tx = store.transaction(["queue", "results"], "readwrite");
    var answered = [];
    var unregistered = false;
    var withdrawn = new Set();
    results.forEach(function (answer) {
      var item = byId.get(answer.id);
      var code = (answer.extra && answer.extra.code) || "";
      if (!item) return;
      if (answer.status === "refused" && KEPT[code]) {
        unregistered = unregistered || code === "device_unknown";
        return;
      }
      if (answer.status === "refused" && code === WITHDRAWN) withdrawn.add(item.device);
      var result = {
        id: item.id, officer: item.officer, kind: item.kind, payload: item.payload,
        status: answer.status, first: (answer.extra && answer.extra.first) || answer.status,
        reason: answer.reason || "", feedback: answer.feedback || null,
        answered_at: new Date().toISOString(), dismissed: false
      };
      if (!known.has(item.id)) tx.objectStore("results").put(result);
      tx.objectStore("queue").delete(item.id);
      answered.push(result);
    });
    await tx.done;
    if (unregistered) await updateDevice(officer, function (record) { record.registered = false; });
    if (withdrawn.size) await dropDevice(officer, withdrawn);
    await prune(officer);
    return answered;
  }

  // This browser's key for the officer, when it is one of `devices` (withdrawn): the next
  // ensureDevice makes and registers a new one.
  async function dropDevice(officer, devices) {
    var tx = (await db()).transaction("devices", "readwrite");
    var record = await tx.store.get(officer);
    if (record && devices.has(record.device)) await tx.store.delete(officer);
    await tx.done;
  }

  // The officer's results: the ones they have seen (nothing to say, or dismissed, and not a
  // check's answer still to be shown: practice.js keeps its item in "state") after
  // RESULTS_DAYS, and any beyond the latest RESULTS_KEPT.
  async function prune(officer) {
    var store = await db();
    var unshown = new Set((await store.getAll("state")).map(function (state) { return state.item; }));
    var mine = (await store.getAll("results")).filter(function (result) {
      return result.officer === officer;
    });
    mine.sort(function (a, b) { return a.answered_at < b.answered_at ? 1 : a.answered_at > b.answered_at ? -1 : 0; });
    var before = new Date(Date.now() - RESULTS_DAYS * 24 * 3600 * 1000).toISOString();
    var gone = mine.filter(function (result, index) {
      var seen = (!result.reason || result.dismissed) && !unshown.has(result.id);
      return index >= RESULTS_KEPT || (seen && result.answered_at < before);
    });
    if (!gone.length) return;
    var tx = store.transaction("results", "readwrite");
    gone.forEach(function (result) { tx.store.delete(result.id); });
    await tx.done;
  }

  function announce(results) {
    if (inPage) global.dispatchEvent(new CustomEvent("offline-results", { detail: results }));
    changed(results);
  }

  // Tell the other pages and the worker that the queue changed, with the answers that came.
  function changed(results) {
    if (channel) channel.postMessage({ type: "offline-queue", results: results });
  }

  // Another page or the worker changed the queue: read it again, and take their answers as
  // this page's (the worker sent them on Background Sync: this page says so as if it had).
  function heard(event) {
    var results = (event.data && event.data.results) || [];
    if (results.some(function (result) { return result.officer === config.officer; })) {
      sentNow = true;
    }
    if (results.length) global.dispatchEvent(new CustomEvent("offline-results", { detail: results }));
    render();
  }

  // --- The page: status list, "Mark as complete" offline --------------------------------

  function counted(forms, n) {
    return ((n === 1 ? forms.one : forms.other) || "").replace("%(count)s", String(n));
  }

  // The status list at the top of <main>, there only while it has something to say, in a
  // live region that stays once made: a screen reader hears what changes in it (a region
  // replaced with each change is not announced, and a list made a live region loses its list).
  function showStatus(list) {
    var region = document.getElementById("offline-queue");
    if (!region) {
      if (!list.firstChild) return;
      region = document.createElement("div");
      region.id = "offline-queue";
      region.setAttribute("role", "status");
      var main = document.querySelector("main") || document.body;
      main.insertBefore(region, main.firstChild);
    }
    while (region.firstChild) region.removeChild(region.firstChild);
    if (list.firstChild) {
      list.className = "messages";
      region.appendChild(list);
    }
  }

  function line(list, text, tone, action) {
    var item = document.createElement("li");
    item.className = tone;
    item.appendChild(document.createTextNode(text));
    if (action) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(action);
    }
    list.appendChild(item);
  }

  async function render() {
    var officer = config.officer;
    var store = await db();
    var mine = await count(officer);
    var others = (await store.count("queue")) - mine;
    var notes = (await store.getAll("results")).filter(function (result) {
      return result.officer === officer && result.reason && !result.dismissed;
    });
    var list = document.createElement("ul");
    if (sessionStorage.getItem(NOTICE)) line(list, words.completed, "success");
    if (mine && problem === "login") {
      var link = document.createElement("a");
      link.href = config.login + "?next=" + encodeURIComponent(location.pathname);
      link.textContent = counted(words.login, mine);
      var item = document.createElement("li");
      item.className = "error";
      item.appendChild(link);
      list.appendChild(item);
    } else if (mine) {
      line(list, counted(words.waiting, mine), "info");
    } else if (sentNow) {
      line(list, words.sent, "success");
    }
    if (others) line(list, counted(words.others, others), "info");
    notes.forEach(function (result) {
      var dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.textContent = words.dismiss;
      dismiss.addEventListener("click", function () {
        db().then(function (s) {
          result.dismissed = true;
          return s.put("results", result);
        }).then(render);
      });
      line(list, result.reason, result.first === "refused" ? "error" : "info", dismiss);
    });
    showStatus(list);
  }

  function lessonOf(form) {
    var parts = (words.complete || "").split("{lesson}");
    var path = new URL(form.action, location.href).pathname;
    if (parts.length !== 2 || path.indexOf(parts[0]) !== 0 || !path.endsWith(parts[1])) return null;
    var id = path.slice(parts[0].length, path.length - parts[1].length);
    return /^\d+$/.test(id) ? Number(id) : null;
  }

  function completeHere(form, lesson) {
    return add("lesson_completed", { lesson: lesson }, config.officer).then(function () {
      sessionStorage.setItem(NOTICE, "1");
      location.assign(form.dataset.next);
    });
  }

  // Offline, or when the POST cannot reach the server, completing a lesson is queued and the
  // officer goes on; online, the form is posted as usual (its redirect followed to data-next).
  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-next]")) return;
    var lesson = lessonOf(form);
    if (lesson === null) return;
    event.preventDefault();
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    if (!navigator.onLine) {
      completeHere(form, lesson);
      return;
    }
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual"
    }).then(function (response) {
      if (response.type === "opaqueredirect") location.assign(form.dataset.next);
      else form.submit();
    }, function () { completeHere(form, lesson); });
  }

  function startPage() {
    var shown = sessionStorage.getItem(NOTICE);
    document.addEventListener("submit", onSubmit);
    global.addEventListener("online", function () { flush(); });
    global.addEventListener("offline", render);
    if (channel) channel.addEventListener("message", heard);
    var ready = navigator.onLine
      ? ensureDevice(config.officer).catch(function () {}).then(flush) : Promise.resolve();
    ready.then(render).then(function () {
      if (shown) sessionStorage.removeItem(NOTICE); // said once, on the page it led to
    });
  }

  global.offlineQueue = { add: add, flush: flush, count: count, ensureDevice: ensureDevice };
  if (inPage) {
    if (config.officer) startPage();
  } else {
    global.addEventListener("sync", function (event) {
      // A sync whose send did not reach the server fails, so the browser tries it again later
      // (a sync that resolves is done, and would leave the items to the next page's visit).
      if (event.tag !== TAG) return;
      event.waitUntil(flush().then(function () {
        if (unreached) throw new Error("the server was not reached; the items wait");
      }));
    });
  }
})(self);
