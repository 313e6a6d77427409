// Knowledge checks and graded quizzes with no connection (issue 15, ADR 0041). Loaded on pages
// of a browser where the officer saved a course (offlinemode/scripts.html), after queue.js.
//
// A check whose fetch fails (check.js hands it here: window.offlinePractice.answer) is either
// - practice only: its marking data is in the page (#check-offline-<block>, "marking", shown
//   ids only; quizzes.marking) and quizzes' marking.js marks it here, as the server would,
//   saying "Marked on this device"; or
// - anything else (it also serves a graded quiz): the answer is queued as a "check_answer"
//   item (offlineQueue, contract 3) and the check says it is kept; when the server's answer
//   comes back (the "offline-results" event, or the "results" store on a later visit) the
//   check shows the server's feedback. Which item answers which check is kept in the "state"
//   store under "check:<officer>:<lesson>:<block>".
// A graded quiz needs the server: offline its start button does not start it and the page says
// so, with the time this officer was last online (state "current", written by offline.js).
// Every word the officer reads comes from the page.
(function () {
  "use strict";
  var configNode = document.getElementById("offline-config");
  var config = configNode ? JSON.parse(configNode.textContent) : {};
  var rulesNode = document.getElementById("check-text-rules");
  if (rulesNode && !window.scormTextRules) {
    window.scormTextRules = JSON.parse(rulesNode.textContent);
  }

  function database() {
    return window.offlineDb ? window.offlineDb.open() : Promise.reject(new Error("no database"));
  }

  function show(out, className, texts) {
    out.className = "feedback " + className;
    out.textContent = "";
    texts.filter(Boolean).forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      out.appendChild(p);
    });
  }

  // --- Knowledge checks ----------------------------------------------------------------------
  var checks = {}; // block id -> {form, data}
  var waiting = {}; // item id -> block id, for the results of this page's checks

  function stateKey(data) {
    return "check:" + config.officer + ":" + data.lesson + ":" + data.block;
  }

  function fields(form) {
    var response = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") { return; }
      (response[name] = response[name] || []).push(value);
    });
    return response;
  }

  function markHere(check) {
    var q = check.data.marking;
    var result = window.scormMarking.mark(q, new FormData(check.form));
    var texts = window.scormMarking.feedback(q, result, check.data.words);
    var className = result.correct ? "right" : (result.answered ? "wrong" : "");
    show(check.form.querySelector(".feedback"), className, texts.concat([check.data.words.device]));
  }

  function kept(check) {
    show(check.form.querySelector(".feedback"), "", [check.data.words.kept]);
  }

  function keep(check) {
    var response = fields(check.form);
    var blank = Object.keys(response).every(function (name) {
      return response[name].every(function (value) { return !value.trim(); });
    });
    if (blank) {
      show(check.form.querySelector(".feedback"), "", [check.data.words.empty]);
      return;
    }
    var payload = { lesson: check.data.lesson, block: check.data.block, response: response };
    window.offlineQueue.add("check_answer", payload, config.officer).then(function (item) {
      waiting[item.id] = check.data.block;
      kept(check);
      return database().then(function (db) {
        return db.put("state", { id: stateKey(check.data), officer: config.officer, item: item.id });
      });
    }).catch(function (error) { console.warn("The answer could not be kept", error); });
  }

  // What the server said about a kept answer (a result of the "results" store).
  function answered(check, result) {
    var out = check.form.querySelector(".feedback");
    var feedback = result.feedback;
    if (feedback) {
      var className = feedback.correct ? "right" : (feedback.answered ? "wrong" : "");
      show(out, className, [feedback.message].concat(feedback.details || []));
    } else if ((result.first || result.status) === "refused") {  // a resend: what it got first
      show(out, "", [check.data.words.refused.replace("%(reason)s", result.reason || "")]);
    }
  }

  // Whether this page can take the answer of `form` offline; false sends the form as it is.
  function answer(form) {
    var check = checks[form.id.replace(/^check-/, "")];
    if (!check || check.form !== form) { return false; }
    if (check.data.marking && window.scormMarking) {
      markHere(check);
      return true;
    }
    if (!window.offlineQueue) { return false; }
    keep(check);
    return true;
  }

  // A kept answer of an earlier visit: its result if it came back (shown once), or "kept".
  function recall(db, check) {
    return db.get("state", stateKey(check.data)).then(function (mine) {
      if (!mine) { return null; }
      return db.get("results", mine.item).then(function (result) {
        if (result) {
          answered(check, result);
          return db.delete("state", mine.id);
        }
        return db.get("queue", mine.item).then(function (item) {
          if (item) {
            waiting[item.id] = check.data.block;
            kept(check);
          }
        });
      });
    });
  }

  document.querySelectorAll("script.check-offline").forEach(function (node) {
    var data = JSON.parse(node.textContent);
    var form = document.getElementById("check-" + data.block);
    if (form) { checks[data.block] = { form: form, data: data }; }
  });
  if (Object.keys(checks).length && config.officer) {
    database().then(function (db) {
      return Promise.all(Object.keys(checks).map(function (block) {
        return recall(db, checks[block]);
      }));
    }).catch(function (error) { console.warn("Kept answers could not be read", error); });
  }
  self.addEventListener("offline-results", function (event) {
    (event.detail || []).forEach(function (result) {
      var block = waiting[result.id];
      if (block === undefined) { return; }
      delete waiting[result.id];
      answered(checks[block], result);
      database().then(function (db) {
        return db.delete("state", stateKey(checks[block].data));
      }).catch(function () { /* shown already; the record goes on the next visit */ });
    });
  });

  // --- A graded quiz -------------------------------------------------------------------------
  function quizStart(form) {
    var notice = document.getElementById("quiz-offline");
    var words = notice.dataset;
    var button = form.querySelector("button[type='submit']");

    function lastOnline() {
      return database().then(function (db) { return db.get("state", "current"); })
        .then(function (current) {
          if (!current || current.officer !== config.officer || !current.last_online) { return ""; }
          var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
            dateStyle: "medium", timeStyle: "short"
          });
          return format.format(new Date(current.last_online));
        }).catch(function () { return ""; });
    }

    function refuse() {
      button.disabled = true;
      return lastOnline().then(function (time) {
        notice.textContent = time ? words.needs.replace("%(time)s", time) : words.never;
        notice.hidden = false;
      });
    }

    function allow() {
      button.disabled = false;
      notice.hidden = true;
    }

    if (!navigator.onLine) { refuse(); }
    window.addEventListener("offline", refuse);
    window.addEventListener("online", allow);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!navigator.onLine) { refuse(); return; }
      // The server must be reachable before the quiz starts: a request that changes nothing
      // (this page's headers) first, then the form as it is.
      fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
        .then(function () { form.submit(); }, refuse);
    });
  }

  var start = document.querySelector("form[data-quiz-start]");
  if (start && document.getElementById("quiz-offline")) { quizStart(start); }

  window.offlinePractice = { answer: answer };
})();
