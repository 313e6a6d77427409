/* The launch document of one SCO, on the content origin (ADR 0024, 0028).
 *
 * It creates scorm-again's API (window.API for SCORM 1.2, window.API_1484_11 for 2004), seeds
 * it with what the server sent (learner, entry, credit, mode, location, suspend_data, ...),
 * and only then frames the SCO, so the content finds a ready API by the standard discovery.
 * Every commit goes to the server's commit URL (same origin: no cookie, the launch token in
 * the URL) as {attempt, sco, seq, cmi, terminated}, seq counting up from next_seq; the
 * commit at Terminate goes by sendBeacon as text/plain (scorm-again's own path, which applies
 * our requestHandler). When the tab closes or the platform moves to another SCO before the
 * content committed, a last beacon carries the state the content set. Progress and the
 * content's navigation requests go to the platform page by postMessage, to its origins only.
 *
 * An offline launch (seed.offline, ADR 0045) commits through the outbox (outbox.js): every
 * commit, the last one at pagehide included, is kept on the device before it is sent, and sent
 * when the server can be reached; its session starts where the device's own last commit left
 * it when that is newer than the seed (sessions.js, the twin of the server's rule). Any launch
 * first sends what the outbox holds: its seed is stale until the server has it, so the
 * document then loads itself again (it is no-store) before it creates the API.
 */
(function () {
  "use strict";

  var player = JSON.parse(document.getElementById("scorm-player").textContent);
  var seed = player.seed;
  var is12 = seed.scorm_version === "1.2";
  var seq = seed.next_seq;
  var attempt = seed.attempt;
  var offline = Boolean(seed.offline);
  var outbox = self.scormOutbox;
  var session = null; // offline: {before (hundredths), basis (the seed it started from)}
  var dirty = false;
  var leaving = false;
  var api = null;

  function tell(message) {
    message.source = "scorm-runtime";
    message.sco = seed.sco.identifier;
    if (window.parent === window) {
      return;
    }
    player.platform_origins.forEach(function (origin) {
      window.parent.postMessage(message, origin);
    });
  }

  function commitBody(commit, metadata) {
    var body = {
      attempt: attempt,
      sco: seed.sco.identifier,
      seq: seq,
      cmi: commit,
      terminated: Boolean(metadata && metadata.isTerminateCommit),
    };
    seq += 1;
    dirty = false;
    return body;
  }

  function status() {
    var cmi = api.cmi;
    if (is12) {
      var lesson = cmi.core.lesson_status;
      var success = lesson === "passed" || lesson === "failed" ? lesson : "unknown";
      return { completion: lesson, success: success };
    }
    return { completion: cmi.completion_status, success: cmi.success_status };
  }

  function navigationRequest() {
    if (is12) {
      var done = ["completed", "passed"].indexOf(api.cmi.core.lesson_status) >= 0;
      return done ? { request: "continue", target: "" } : null;
    }
    var request = String((api.adl && api.adl.nav && api.adl.nav.request) || "_none_");
    var choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (choice) {
      return { request: "choice", target: choice[1] };
    }
    return request === "_none_" ? null : { request: request, target: "" };
  }

  function onTerminated() {
    tell({ type: "status", status: status(), terminated: true });
    var next = navigationRequest();
    if (next && !leaving) {
      afterLastCommit(function () {
        tell({ type: "navigate", request: next.request, target: next.target });
      });
    }
  }

  // The navigation the content asks for loads the platform page again, and the server renders
  // the parts' statuses from what it holds: it goes once the session's last commit is answered
  // (at most LAST_COMMIT_WAIT_MS: a commit that never answers does not keep the officer here).
  var LAST_COMMIT_WAIT_MS = 3000;
  var lastCommit = null;
  function afterLastCommit(run) {
    if (!lastCommit) {
      run();
      return;
    }
    var done = false;
    function once() {
      if (!done) {
        done = true;
        run();
      }
    }
    lastCommit.then(once, once);
    setTimeout(once, LAST_COMMIT_WAIT_MS);
  }

  // scorm-again's commits of an online launch. It sends a session's last commit (Terminate,
  // LMSFinish) by sendBeacon, which no one can wait for: the platform page the content then
  // navigates to could be rendered before that commit arrived (a finished part shown "Not
  // started"). Here the last commit goes by fetch, with keepalive where the body allows (a
  // closing tab still sends it; browsers cap such bodies at 64 KiB, as they cap beacons), and
  // its answer is awaited by afterLastCommit. Every other commit goes as scorm-again sends it:
  // a synchronous POST of JSON, its answer read as scorm-again's own xhrResponseHandler reads it.
  var KEEPALIVE_MAX_BYTES = 60000;
  var onlineService = {
    updateSettings: function () {},
    processHttpRequest: function (url, params, immediate, log, listeners, metadata) {
      var body = JSON.stringify(commitBody(params, metadata));
      if (immediate) {
        lastCommit = fetch(url, {
          method: "POST",
          body: body,
          headers: { "Content-Type": "text/plain;charset=UTF-8" },
          keepalive: body.length < KEEPALIVE_MAX_BYTES,
        });
        return { result: "true", errorCode: 0 };
      }
      var xhr = new XMLHttpRequest();
      try {
        xhr.open("POST", url, false);
        xhr.setRequestHeader("Content-Type", "application/json;charset=UTF-8");
        xhr.send(body);
      } catch (error) {
        return { result: "false", errorCode: 391 };
      }
      if (xhr.status < 200 || xhr.status > 299) return { result: "false", errorCode: 101 };
      var answer = null;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch (error) {
        answer = null;
      }
      if (!answer || !Object.prototype.hasOwnProperty.call(answer, "result")) {
        return { result: "true", errorCode: 0 };
      }
      var ok = answer.result === true || answer.result === "true";
      return {
        result: answer.result,
        errorCode: typeof answer.errorCode === "number" ? answer.errorCode : ok ? 0 : 101,
      };
    },
  };

  function lastBeacon() {
    // The tab is closing or the frame is being replaced: sync XHR is refused now, so the state
    // the content set since its last commit goes by beacon (text/plain: no preflight).
    leaving = true;
    sendState();
  }

  function sendState() {
    if (!api || !dirty || !api.isInitialized() || api.isTerminated()) {
      return;
    }
    var commit = commitBody(api.renderCommitCMI(true));
    if (offline) {
      keep(commit);
      return;
    }
    var body = JSON.stringify(commit);
    navigator.sendBeacon(seed.commit_url, new Blob([body], { type: "text/plain;charset=UTF-8" }));
  }

  // --- offline: the outbox ---------------------------------------------------------------

  // The outbox's commits of this package version, whichever launch made them (an online page
  // shows what an offline play of the same lesson left waiting or refused).
  var packagePrefix = seed.commit_url.split("/").slice(0, 6).join("/") + "/";
  function ofThisPackage(entry) {
    return entry.url.indexOf(packagePrefix) === 0;
  }

  function report() {
    return Promise.all([outbox.waiting(), outbox.refused()])
      .then(function (found) {
        tell({
          type: "outbox",
          waiting: found[0].filter(ofThisPackage).length,
          refused: found[1].filter(ofThisPackage).map(function (r) {
            return { id: r.id, seq: r.seq, message: r.message };
          })
        });
      })
      .catch(function () {});
  }

  function flush() {
    return outbox
      .flush()
      .catch(function () {
        return { sent: 0, refused: 0, kept: 0 };
      })
      .then(function (counts) {
        return report().then(function () {
          return counts;
        });
      });
  }

  // The platform page's "Dismiss" beside a refusal: those refused commits (of this package
  // only) leave the outbox. Only the platform page that frames this document may ask.
  window.addEventListener("message", function (event) {
    var said = event.data || {};
    if (event.source !== window.parent || player.platform_origins.indexOf(event.origin) < 0) return;
    if (said.source !== "scorm-player" || said.type !== "dismiss" || !Array.isArray(said.ids)) return;
    outbox
      .refused()
      .then(function (refused) {
        var mine = refused.filter(ofThisPackage).map(function (r) {
          return r.id;
        });
        return outbox.dismiss(
          said.ids.filter(function (id) {
            return mine.indexOf(id) >= 0;
          })
        );
      })
      .then(report)
      .catch(function () {});
  });

  // A commit of the offline launch: kept (localStorage, then IndexedDB) before it is sent.
  function keep(commit) {
    var cmi = commit.cmi && commit.cmi.cmi ? commit.cmi.cmi : commit.cmi;
    var state = {
      attempt: commit.attempt,
      seq: commit.seq,
      cmi: cmi,
      terminated: commit.terminated,
      before: session.before,
      basis: session.basis
    };
    outbox
      .add(seed.commit_url, JSON.stringify(commit), state)
      .then(function () {
        return navigator.onLine ? flush() : report();
      })
      .catch(function () {});
  }

  // scorm-again's commits of an offline launch go to the outbox: answered at once, sent later.
  var outboxService = {
    updateSettings: function () {},
    processHttpRequest: function (url, params, immediate, log, listeners, metadata) {
      keep(commitBody(params, metadata));
      if (typeof listeners === "function") listeners("CommitSuccess");
      return { result: "true", errorCode: 0 };
    }
  };

  // An id made on the device (an offline attempt's): a random (version 4) UUID. The same rule
  // as the offline queue's newId (offlinemode/queue.js): crypto.randomUUID where the browser
  // has it, else the same 122 random bits from crypto.getRandomValues, which every browser has
  // in every context. Here the fallback is needed even in a current browser: randomUUID exists
  // only in a secure context, and the content origin may be plain http on a LAN name.
  function newAttempt() {
    if (self.crypto.randomUUID) return self.crypto.randomUUID();
    var b = self.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    var hex = Array.prototype.map.call(b, function (x) {
      return ("0" + x.toString(16)).slice(-2);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // Where this session starts: the device's last commit of the SCO when it is newer than the
  // seed (it was made on top of this seed or a later one), else the seed.
  function startOffline() {
    return outbox.last(seed.commit_url, seed.sco.identifier).then(function (last) {
      var version = seed.scorm_version;
      if (last && last.basis >= seed.served_at) {
        var next = self.scormSessions.after(version, last, seed.offline, newAttempt);
        attempt = next.attempt;
        seq = next.seq;
        session = { before: next.before, basis: last.basis };
        return next.cmi;
      }
      session = { before: self.scormSessions.beforeOf(version, seed.cmi), basis: seed.served_at };
      return seed.cmi;
    });
  }

  function createApi(cmi) {
    var settings = {
      lmsCommitUrl: seed.commit_url,
      autocommit: true,
      autocommitSeconds: 10,
      dataCommitFormat: "json",
      sendFullCommit: true,
      terminationCommitContentType: "text/plain;charset=UTF-8",
      requestHandler: commitBody,
    };
    settings.httpService = offline ? outboxService : onlineService;
    var Runtime = is12 ? window.Scorm12API : window.Scorm2004API;
    api = new Runtime(settings);
    api.loadFromJSON(cmi);
    var prefix = is12 ? "LMS" : "";
    api.on(prefix + "SetValue", function (element) {
      dirty = true;
      if (/status$/.test(String(element))) {
        tell({ type: "status", status: status(), terminated: false });
      }
    });
    api.on(is12 ? "LMSFinish" : "Terminate", onTerminated);
    api.on(prefix + "Initialize", function () {
      dirty = true; // a session that started leaves a record, even if the content sets nothing
      tell({ type: "started" });
    });
    if (is12) {
      window.API = api;
    } else {
      window.API_1484_11 = api;
    }
  }

  function frameSco() {
    var frame = document.createElement("iframe");
    frame.title = seed.sco.title;
    frame.src = seed.sco.launch_url;
    frame.setAttribute("allow", "fullscreen");
    document.getElementById("sco-host").appendChild(frame);
  }

  function whenReady(run) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  function begin(cmi) {
    if (!player.asset) {
      createApi(cmi);
    }
    window.addEventListener("pagehide", lastBeacon);
    // A phone may discard a hidden tab without any pagehide: what was set goes when it hides.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        sendState();
      }
    });
    whenReady(frameSco);
  }

  // What the outbox holds goes first: the server's seed does not know it yet.
  // (A commit a closing tab kept only in localStorage goes into the outbox first.)
  var sent = outbox
    .unstash()
    .catch(function () {})
    .then(function () {
      return navigator.onLine ? flush() : report().then(function () {
        return { sent: 0, refused: 0 };
      });
    });
  sent
    .then(function (counts) {
      if (counts.sent + counts.refused > 0) {
        location.reload();
        return null;
      }
      if (offline) {
        window.addEventListener("online", flush);
        if (navigator.serviceWorker && navigator.serviceWorker.ready) {
          navigator.serviceWorker.ready
            .then(function (registration) {
              return registration.sync && registration.sync.register("scorm-outbox");
            })
            .catch(function () {});
        }
        return startOffline().then(begin);
      }
      begin(seed.cmi);
      return null;
    })
    .catch(function () {
      if (!api) begin(seed.cmi);
    });
})();
