// The runtime side of an exported lesson or quiz (ours, no library): find the LMS's SCORM API,
// start the session, report "completed" when the officer marks the lesson complete, or the
// quiz's score and success when it is submitted (marked by marking.js), end the session when
// the page goes away. SCORM 1.2 looks for `API`, SCORM 2004 for `API_1484_11`, walking up
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
  var quiz = document.querySelector("form[data-sco-quiz]");
  var button = document.querySelector("[data-sco-complete]");
  var done = document.querySelector("[data-sco-done]");
  var running = false;

  function shown(completed) {
    if (button) { button.hidden = completed; }
    if (done) { done.hidden = !completed; }
  }

  // The quiz's score and success, in the data model of the package's SCORM version: 1.2's
  // raw score is the percentage (its masteryscore is one); 2004's raw score is in points,
  // scaled 0..1 against the primary objective's minNormalizedMeasure.
  function report(result) {
    var m = window.scormMarking, n = result.score[0], d = result.score[1];
    var success = result.passed ? "passed" : "failed";
    var values = v2004 ? [
      ["cmi.score.scaled", m.decimal(n, d * result.max, 4)],
      ["cmi.score.raw", m.decimal(n, d, 2)],
      ["cmi.score.min", "0"],
      ["cmi.score.max", String(result.max)],
      ["cmi.success_status", success],
      ["cmi.completion_status", "completed"]
    ] : [
      ["cmi.core.score.raw", m.decimal(n * 100, d * result.max, 2)],
      ["cmi.core.score.min", "0"],
      ["cmi.core.score.max", "100"],
      ["cmi.core.lesson_status", success]
    ];
    values.forEach(function (pair) { call.set(pair[0], pair[1]); });
    call.commit();
  }

  // The quiz marked in the browser: each question's mark, the score, passed or not.
  function grade(form) {
    var m = window.scormMarking;
    var config = JSON.parse(document.getElementById("sco-quiz").textContent);
    var data = new FormData(form);
    var marks = config.questions.map(function (q) { return m.mark(q, data); });
    var result = m.total(config.questions, marks);
    result.passed = result.score[0] * 100 >= config.passMark * result.max * result.score[1];
    config.questions.forEach(function (q, i) {
      var out = form.querySelector("[data-mark='" + q.id + "']");
      var said = marks[i].correct ? "right" : (marks[i].answered ? "wrong" : "empty");
      out.className = "feedback " + (marks[i].correct ? "right" : "wrong");
      out.textContent = out.dataset[said];
      out.hidden = false;
    });
    var summary = document.querySelector("[data-sco-result]");
    var percent = m.decimal(result.score[0] * 100, result.score[1] * result.max, 0);
    m.paragraphs(summary, [
      percent + "% (" + m.decimal(result.score[0], result.score[1], 2) + " / " + result.max + ")",
      summary.dataset[result.passed ? "passed" : "failed"]
    ]);
    summary.className = "result feedback " + (result.passed ? "right" : "wrong");
    summary.hidden = false;
    form.querySelector("button[type='submit']").disabled = true;
    return result;
  }

  if (quiz) {
    quiz.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = grade(quiz);
      if (running) { report(result); }
    });
  }

  if (!api) {
    document.querySelector("[data-sco-nolms]").hidden = false;
    if (button) { button.addEventListener("click", function () { shown(true); }); }
    return;
  }
  running = String(call.start()) === "true";
  if (running) {
    var before = String(call.get(call.status));
    if (["completed", "passed", "failed"].indexOf(before) >= 0) {
      shown(true);
    } else {
      call.set(call.status, "incomplete");
      call.commit();
    }
  }
  if (button) {
    button.addEventListener("click", function () {
      if (running) {
        call.set(call.status, "completed");
        call.commit();
      }
      shown(true);
    });
  }
  function end() {
    if (!running) { return; }
    running = false;
    call.finish();
  }
  window.addEventListener("pagehide", end);
  window.addEventListener("beforeunload", end);
})();
