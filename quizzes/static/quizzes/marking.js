// Marking in the browser (ours, no library), by the rules the server grades with
// (quizzes.qtypes), from a question's marking data (quizzes.marking): in an exported package,
// its knowledge checks and its quiz (practice, and a quiz that is not proctored: ADR 0025);
// on the platform, a practice-only knowledge check answered offline (offlinemode's
// practice.js, ADR 0041). Scores are exact fractions, numbers exact decimals. The text rules
// (window.scormTextRules) are read when first needed: a page whose checks need none has none.
(function () {
  "use strict";
  var rules, zeroWidth, spaces;
  function textRules() {
    if (!rules) {
      rules = window.scormTextRules;
      zeroWidth = new Set(Array.from(rules.zeroWidth));
      spaces = new Set(Array.from(rules.spaces));
    }
    return rules;
  }
  var SIGNS = { "+": false, "-": true, "\u2212": true };
  var SEPARATORS = new Set([".", ",", "\u066b"]);

  // --- Text and numbers (quizzes.qtypes.base.normalise_text and parse_number) -------------
  function normalise(text) {
    textRules();
    var visible = Array.from(text).filter(function (c) { return !zeroWidth.has(c); }).join("");
    var folded = Array.from(visible.normalize("NFKC")).map(function (c) {
      return Object.prototype.hasOwnProperty.call(rules.fold, c) ? rules.fold[c] : c.toLowerCase();
    }).join("").normalize("NFKC");
    var words = [], word = "";
    Array.from(folded).forEach(function (c) {
      if (spaces.has(c)) { if (word) { words.push(word); } word = ""; } else { word += c; }
    });
    if (word) { words.push(word); }
    return words.join(" ");
  }

  function digit(c) {
    textRules();
    var code = c.codePointAt(0);
    for (var i = 0; i < rules.zeros.length; i++) {
      if (code >= rules.zeros[i] && code <= rules.zeros[i] + 9) { return code - rules.zeros[i]; }
    }
    return null;
  }

  // A number as typed: {n: BigInt, scale: digits after the point}, or null.
  function parseNumber(text) {
    textRules();
    var chars = Array.from(text).filter(function (c) { return !zeroWidth.has(c); });
    text = chars.join("").trim();
    chars = Array.from(text);
    var negative = false;
    if (chars.length && Object.prototype.hasOwnProperty.call(SIGNS, chars[0])) {
      negative = SIGNS[chars.shift()];
    }
    var whole = "", fraction = "", inFraction = false;
    for (var i = 0; i < chars.length; i++) {
      var value = digit(chars[i]);
      if (value !== null) {
        if (inFraction) { fraction += value; } else { whole += value; }
      } else if (SEPARATORS.has(chars[i]) && !inFraction) {
        inFraction = true;
      } else {
        return null;
      }
    }
    if (!whole && !fraction) { return null; }
    var n = BigInt((whole || "0") + fraction);
    return { n: negative ? -n : n, scale: fraction.length };
  }

  function scaled(number, scale) {
    return number.n * (10n ** BigInt(scale - number.scale));
  }

  function within(answer, tolerance, given) {
    var scale = Math.max(answer.scale, tolerance.scale, given.scale);
    var a = scaled(answer, scale), t = scaled(tolerance, scale), g = scaled(given, scale);
    return a - t <= g && g <= a + t;
  }

  // --- Exact fractions ---------------------------------------------------------------------
  function gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a; }
  function fraction(n, d) { var g = gcd(n, d) || 1; return [n / g, d / g]; }
  function add(x, y) { return fraction(x[0] * y[1] + y[0] * x[1], x[1] * y[1]); }
  function allOrPart(key, right, outOf) {
    return key.partial_credit ? fraction(right, outOf) : [right === outOf ? 1 : 0, 1];
  }

  // --- Reading the form (quizzes.qtypes' from_form) ----------------------------------------
  var INVALID = {};

  function read(q, data) {
    var name = "q-" + q.id;
    var key = q.key;
    if (q.type === "multiple") { return data.getAll(name); }
    if (q.type === "matching") {
      var matched = {};
      key.pairs.forEach(function (pair) {
        var right = data.get(name + "-" + pair[0]);
        if (right) { matched[pair[0]] = right; }
      });
      return matched;
    }
    if (q.type === "ordering") {
      var positions = key.order.map(function (item) { return data.get(name + "-" + item) || ""; });
      if (!positions.some(Boolean)) { return null; }
      if (positions.some(function (p) { return !/^\s*[0-9]+\s*$/.test(p); }) ||
          new Set(positions).size !== positions.length) { return INVALID; }
      return key.order.map(function (item, i) { return [parseInt(positions[i], 10), item]; })
        .sort(function (a, b) { return a[0] - b[0]; }).map(function (pair) { return pair[1]; });
    }
    return String(data.get(name) || "").trim();
  }

  function blank(response) {
    if (response === null) { return true; }
    if (typeof response === "string") { return !normalise(response); }
    if (Array.isArray(response)) { return !response.length; }
    return response !== INVALID && !Object.keys(response).length;
  }

  // The share of the points (a fraction) earned by a response: quizzes.qtypes' share().
  function share(q, response) {
    var key = q.key;
    switch (q.type) {
      case "single":
        return [key.options.some(function (o) { return o.id === response && o.correct; }) ? 1 : 0, 1];
      case "multiple": {
        var chosen = new Set(response);
        var correct = key.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
        var right = correct.filter(function (id) { return chosen.has(id); }).length;
        var wrong = chosen.size - right;
        var incorrect = key.options.length - correct.length;
        if (!key.partial_credit) { return [right === correct.length && wrong === 0 ? 1 : 0, 1]; }
        var earned = incorrect ? right * incorrect - wrong * correct.length : right;
        var over = incorrect ? correct.length * incorrect : correct.length;
        return earned > 0 ? fraction(earned, over) : [0, 1];
      }
      case "true_false":
        return [(response.toLowerCase() === "true") === key.correct_answer ? 1 : 0, 1];
      case "matching": {
        var pairs = key.pairs.filter(function (p) { return response[p[0]] === p[1]; }).length;
        return allOrPart(key, pairs, key.pairs.length);
      }
      case "ordering": {
        var placed = key.order.filter(function (item, i) { return response[i] === item; }).length;
        return allOrPart(key, placed, key.order.length);
      }
      case "numeric": {
        var given = parseNumber(response);
        var ok = given && within(parseNumber(key.number), parseNumber(key.tolerance), given);
        return [ok ? 1 : 0, 1];
      }
      case "short_text":
        return [key.accepted.indexOf(normalise(response)) >= 0 ? 1 : 0, 1];
    }
    throw new Error("Unknown question type " + q.type);
  }

  // A response that can belong to the question (the server's read() refuses the others).
  function known(q, response) {
    var ids = q.key.options ? q.key.options.map(function (o) { return o.id; }) : [];
    var rights = q.key.pairs ? q.key.pairs.map(function (p) { return p[1]; }) : [];
    if (q.type === "single") { return ids.indexOf(response) >= 0; }
    if (q.type === "multiple") { return response.every(function (r) { return ids.indexOf(r) >= 0; }); }
    if (q.type === "true_false") { return ["true", "false"].indexOf(response.toLowerCase()) >= 0; }
    if (q.type === "matching") {
      return Object.keys(response).every(function (left) { return rights.indexOf(response[left]) >= 0; });
    }
    return response !== INVALID;
  }

  // One question marked: answered (a response that fits it), correct (full marks), share.
  function mark(q, data) {
    var response = read(q, data);
    if (blank(response) || !known(q, response)) {
      return { answered: false, correct: false, share: [0, 1], response: response };
    }
    var got = share(q, response);
    return { answered: true, correct: got[0] === got[1], share: got, response: response };
  }

  // Several questions: the score (points, a fraction), the maximum, the percentage as text.
  function total(questions, marks) {
    var score = [0, 1], max = 0;
    questions.forEach(function (q, i) {
      score = add(score, [marks[i].share[0] * q.points, marks[i].share[1]]);
      max += q.points;
    });
    return { score: score, max: max };
  }

  // n/d as decimal text with at most `places` decimals, rounded down (never above the truth).
  function decimal(n, d, places) {
    var factor = Math.pow(10, places);
    return String(Math.floor(n * factor / d) / factor);
  }

  // --- Knowledge checks (the platform's lesson_check, in the browser) -----------------------
  function paragraphs(out, texts) {
    out.textContent = "";
    texts.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      out.appendChild(p);
    });
  }

  // What the check says, as the platform's lesson_check says it: the message ({right, wrong,
  // empty} of `words`), then, after a real try, the feedback, the chosen options' feedback, the
  // explanation and, when wrong, words.answer ("The answer: %(answer)s").
  function feedback(q, result, words) {
    var texts = [result.answered ? words[result.correct ? "right" : "wrong"] : words.empty];
    if (result.answered) {
      var chosen = Array.isArray(result.response) ? result.response : [result.response];
      var options = q.feedback.options;
      texts.push(q.feedback[result.correct ? "correct" : "incorrect"]);
      if (q.type === "single" || q.type === "multiple") {
        chosen.forEach(function (c) {
          if (Object.prototype.hasOwnProperty.call(options, c)) { texts.push(options[c]); }
        });
      }
      texts.push(q.feedback.explanation);
      if (!result.correct) { texts.push(words.answer.replace("%(answer)s", q.answer)); }
    }
    return texts.filter(Boolean);
  }

  function check(form) {
    var q = JSON.parse(form.querySelector("script[type='application/json']").textContent);
    var out = form.querySelector(".feedback");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = mark(q, new FormData(form));
      out.className = "feedback " + (result.correct ? "right" : (result.answered ? "wrong" : ""));
      paragraphs(out, feedback(q, result, form.dataset));
    });
  }

  window.scormMarking = {
    mark: mark, total: total, decimal: decimal, normalise: normalise, parseNumber: parseNumber,
    paragraphs: paragraphs, feedback: feedback
  };
  document.querySelectorAll("form.check[data-package-check]").forEach(check);
})();
