/* Where an offline launch's next session of a SCO starts (ADR 0045): pure, no storage, no clock.
 * The JavaScript twin of the server's scormplayer.services.session_state and
 * scormplayer.cmi.for_next_session, so a session the device starts with no connection is one the
 * server accepts when its commits arrive (tests/browser/test_scorm_offline.py holds them to the
 * same states).
 *
 *   after(version, last, templates, newAttempt) -> {attempt, seq, cmi, before, fresh}
 *     last: the device's last commit of the SCO {attempt, seq, cmi, terminated, before}
 *     templates: the launch document's seed.offline {"ab-initio": cmi, "resume": cmi}
 *   - not terminated: the same session goes on (its state, the next seq);
 *   - ended with exit "suspend": a new session of the same attempt, entry "resume": the state
 *     without exit and session time, the server's read-only values, the total time so far;
 *   - ended any other way: a new attempt (its id from newAttempt()), seq 1, entry "ab-initio".
 */
(function (global) {
  "use strict";

  var SESSION = {
    "1.2": { exit: ["core", "exit"], session: ["core", "session_time"], total: ["core", "total_time"] },
    "2004": { exit: ["exit"], session: ["session_time"], total: ["total_time"] }
  };
  var TIMESPAN = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;
  var DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;

  function clone(value) {
    return JSON.parse(JSON.stringify(value));
  }

  function read(cmi, path) {
    var node = cmi;
    for (var i = 0; i < path.length; i++) {
      if (!node || typeof node !== "object") return "";
      node = node[path[i]];
    }
    return node === undefined || node === null ? "" : String(node);
  }

  function write(cmi, path, value) {
    var node = cmi;
    for (var i = 0; i < path.length - 1; i++) {
      if (!node[path[i]] || typeof node[path[i]] !== "object") node[path[i]] = {};
      node = node[path[i]];
    }
    if (value === undefined) {
      delete node[path[path.length - 1]];
    } else {
      node[path[path.length - 1]] = value;
    }
  }

  // Hundredths of a second of a CMITimespan (1.2) or an ISO 8601 duration (2004); 0 for "".
  function centsOf(value) {
    if (value === "") return 0;
    var span = TIMESPAN.exec(value);
    if (span) {
      var secs = Math.round(parseFloat(span[3] + (span[4] || "")) * 100);
      return (parseInt(span[1], 10) * 3600 + parseInt(span[2], 10) * 60) * 100 + secs;
    }
    var found = DURATION.exec(value);
    if (!found || value === "P" || value === "PT" || /T$/.test(value)) return 0;
    var n = found.slice(1).map(function (g) {
      return g ? parseFloat(g) : 0;
    });
    var whole = ((n[0] * 365 + n[1] * 30 + n[2]) * 24 + n[3]) * 3600 + n[4] * 60;
    return whole * 100 + Math.round(n[5] * 100);
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  // A total time as the server writes it (cmi.timespan): "HHHH:MM:SS.SS" or "PT#H#M#S".
  function timespan(version, cents) {
    var hours = Math.floor(cents / 360000);
    var rest = cents % 360000;
    var minutes = Math.floor(rest / 6000);
    rest = rest % 6000;
    var secs = Math.floor(rest / 100);
    var hundredths = rest % 100;
    if (version === "1.2") {
      return pad(Math.min(hours, 9999), 4) + ":" + pad(minutes, 2) + ":" + pad(secs, 2) + "." + pad(hundredths, 2);
    }
    return "PT" + hours + "H" + minutes + "M" + secs + "." + pad(hundredths, 2) + "S";
  }

  // Lay the template's values (nested, read-only elements) over cmi.
  function overlay(cmi, template, path) {
    Object.keys(template).forEach(function (key) {
      var value = template[key];
      var here = path.concat([key]);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        overlay(cmi, value, here);
      } else {
        write(cmi, here, value);
      }
    });
    return cmi;
  }

  // What a state carries into the next session of its attempt (cmi.for_next_session).
  function forNextSession(version, cmi) {
    var carried = clone(cmi);
    write(carried, SESSION[version].exit, undefined);
    write(carried, SESSION[version].session, undefined);
    return carried;
  }

  function after(version, last, templates, newAttempt) {
    var names = SESSION[version];
    if (!last.terminated) {
      return { attempt: last.attempt, seq: last.seq + 1, cmi: clone(last.cmi), before: last.before, fresh: false };
    }
    if (read(last.cmi, names.exit) === "suspend") {
      var before = last.before + centsOf(read(last.cmi, names.session));
      var cmi = overlay(forNextSession(version, last.cmi), templates.resume, []);
      write(cmi, names.total, timespan(version, before));
      return { attempt: last.attempt, seq: last.seq + 1, cmi: cmi, before: before, fresh: true };
    }
    var start = clone(templates["ab-initio"]);
    write(start, names.total, timespan(version, 0));
    return { attempt: newAttempt(), seq: 1, cmi: start, before: 0, fresh: true };
  }

  // The total before the session a seed starts: its total time.
  function beforeOf(version, cmi) {
    return centsOf(read(cmi, SESSION[version].total));
  }

  global.scormSessions = {
    after: after,
    beforeOf: beforeOf,
    centsOf: centsOf,
    forNextSession: forNextSession,
    timespan: timespan
  };
})(self);
