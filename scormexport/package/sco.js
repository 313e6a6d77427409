// The runtime side of an exported lesson (ours, no library): find the LMS's SCORM API, start
// the session, report "completed" when the officer marks the lesson complete, end the session
// when the page goes away. SCORM 1.2 looks for `API`, SCORM 2004 for `API_1484_11`, walking up
// window.parent and then window.opener's parents, as the run-time environment books describe.
(function () {
  "use strict";
  var v2004 = document.documentElement.getAttribute("data-scorm") === "scorm2004";
  var name = v2004 ? "API_1484_11" : "API";

  function search(win) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win[name]) { return win[name]; }
      } catch (e) { return null; }  // another origin above us: stop here
      if (!win.parent || win.parent === win) { return null; }
      win = win.parent;
    }
    return null;
  }

  var api = search(window) || (window.opener ? search(window.opener) : null);
  var call = v2004 ? {
    start: function () { return api.Initialize(""); },
    set: function (k, v) { return api.SetValue(k, v); },
    get: function (k) { return api.GetValue(k); },
    commit: function () { return api.Commit(""); },
    finish: function () { return api.Terminate(""); },
    status: "cmi.completion_status"
  } : {
    start: function () { return api.LMSInitialize(""); },
    set: function (k, v) { return api.LMSSetValue(k, v); },
    get: function (k) { return api.LMSGetValue(k); },
    commit: function () { return api.LMSCommit(""); },
    finish: function () { return api.LMSFinish(""); },
    status: "cmi.core.lesson_status"
  };
  var button = document.querySelector("[data-sco-complete]");
  var done = document.querySelector("[data-sco-done]");
  var running = false;

  function shown(completed) {
    button.hidden = completed;
    done.hidden = !completed;
  }

  if (!api) {
    document.querySelector("[data-sco-nolms]").hidden = false;
    button.addEventListener("click", function () { shown(true); });
    return;
  }
  running = String(call.start()) === "true";
  if (running) {
    var before = String(call.get(call.status));
    if (before === "completed" || before === "passed") {
      shown(true);
    } else {
      call.set(call.status, "incomplete");
      call.commit();
    }
  }
  button.addEventListener("click", function () {
    if (running) {
      call.set(call.status, "completed");
      call.commit();
    }
    shown(true);
  });
  function end() {
    if (!running) { return; }
    running = false;
    call.finish();
  }
  window.addEventListener("pagehide", end);
  window.addEventListener("beforeunload", end);
})();
