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
 */
(function () {
  "use strict";

  var player = JSON.parse(document.getElementById("scorm-player").textContent);
  var seed = player.seed;
  var is12 = seed.scorm_version === "1.2";
  var seq = seed.next_seq;
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
      attempt: seed.attempt,
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
      tell({ type: "navigate", request: next.request, target: next.target });
    }
  }

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
    var body = JSON.stringify(commitBody(api.renderCommitCMI(true)));
    navigator.sendBeacon(seed.commit_url, new Blob([body], { type: "text/plain;charset=UTF-8" }));
  }

  function createApi() {
    var settings = {
      lmsCommitUrl: seed.commit_url,
      autocommit: true,
      autocommitSeconds: 10,
      dataCommitFormat: "json",
      sendFullCommit: true,
      terminationCommitContentType: "text/plain;charset=UTF-8",
      requestHandler: commitBody,
    };
    var Runtime = is12 ? window.Scorm12API : window.Scorm2004API;
    api = new Runtime(settings);
    api.loadFromJSON(seed.cmi);
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

  if (!player.asset) {
    createApi();
  }
  window.addEventListener("pagehide", lastBeacon);
  // A phone may discard a hidden tab without any pagehide: what was set goes when it hides.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      sendState();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", frameSco);
  } else {
    frameSco();
  }
})();
