/* The outbox of offline SCORM commits, on the content origin (ADR 0045): loaded by the launch
 * document of an offline launch and by the content origin's service worker. Its own small
 * IndexedDB database (the platform's is another origin's):
 *
 *   outbox   key "<commit url>#<attempt>#<seq>": a commit waiting to be sent
 *            {id, url, attempt, sco, seq, body (the JSON text sent), made (ms, this device)}
 *   refused  same key: a commit the server refused {id, url, sco, seq, status, message},
 *            until the officer dismisses it on the platform page (dismiss)
 *   last     key "<commit url>#<sco>": the device's last commit of that SCO in that launch
 *            {key, attempt, seq, cmi, terminated, before (hundredths), basis (seed served_at)}
 *
 * A commit is written (a synchronous localStorage copy first where there is one, so a closing
 * tab cannot lose it; then IndexedDB) before it is sent. flush() sends in seq order per attempt
 * and removes a commit when the server accepts it or answers "repeated commit ignored"; a
 * refusal (4xx with the server's message) moves it to "refused", never dropped; a network
 * failure or a server error keeps it, and stops the flush: later commits, of that attempt and
 * of any other, wait for the next flush, so attempts reach the server in the order played.
 */
(function (global) {
  "use strict";
  var NAME = "scorm-offline";
  var STASH = "scorm-outbox:";
  var opening = null;

  function promised(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function open() {
    if (!opening) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("outbox", { keyPath: "id" });
        db.createObjectStore("refused", { keyPath: "id" });
        db.createObjectStore("last", { keyPath: "key" });
      };
      opening = promised(request);
    }
    return opening;
  }

  // Run work(stores) in one transaction; resolves with its result once the transaction commits.
  function within(names, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(names, mode);
        var stores = {};
        names.forEach(function (name) {
          stores[name] = tx.objectStore(name);
        });
        var result;
        Promise.resolve(work(stores)).then(function (value) {
          result = value;
        }, reject);
        tx.oncomplete = function () {
          resolve(result);
        };
        tx.onerror = tx.onabort = function () {
          reject(tx.error);
        };
      });
    });
  }

  function pad(seq) {
    return ("0000000000" + seq).slice(-10);
  }

  function entryOf(url, body, last) {
    var parsed = JSON.parse(body);
    return {
      id: url + "#" + parsed.attempt + "#" + pad(parsed.seq),
      url: url,
      attempt: parsed.attempt,
      sco: parsed.sco,
      seq: parsed.seq,
      body: body,
      last: last,
      // the order the device made them in: attempts are sent as they were played
      made: Date.now()
    };
  }

  function store(entry) {
    return within(["outbox", "last"], "readwrite", function (s) {
      s.outbox.put({
        id: entry.id,
        url: entry.url,
        attempt: entry.attempt,
        sco: entry.sco,
        seq: entry.seq,
        body: entry.body,
        made: entry.made
      });
      var key = entry.url + "#" + entry.sco;
      return promised(s.last.get(key)).then(function (known) {
        var newer = !known || known.attempt !== entry.attempt || known.seq <= entry.seq;
        if (entry.last && newer) s.last.put(Object.assign({ key: key }, entry.last));
      });
    });
  }

  function stashed() {
    var found = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var name = localStorage.key(i);
        if (name && name.indexOf(STASH) === 0) found.push(name);
      }
    } catch (error) {
      // no localStorage here (the service worker): nothing stashed
    }
    return found;
  }

  // A commit about to be sent: kept on the device first. last: the SCO's state after it.
  function add(url, body, last) {
    var entry = entryOf(url, body, last);
    var name = STASH + entry.id;
    try {
      localStorage.setItem(name, JSON.stringify(entry));
    } catch (error) {
      name = null;
    }
    return store(entry).then(function () {
      if (name) localStorage.removeItem(name);
      return entry;
    });
  }

  // Commits a closing tab kept only in localStorage go into the database.
  function unstash() {
    return stashed().reduce(function (chain, name) {
      return chain.then(function () {
        return store(JSON.parse(localStorage.getItem(name))).then(function () {
          localStorage.removeItem(name);
        });
      });
    }, Promise.resolve());
  }

  function all(name) {
    return within([name], "readonly", function (s) {
      return promised(s[name].getAll());
    });
  }

  function last(url, sco) {
    return within(["last"], "readonly", function (s) {
      return promised(s.last.get(url + "#" + sco));
    });
  }

  function remember(url, sco, record) {
    return within(["last"], "readwrite", function (s) {
      s.last.put(Object.assign({ key: url + "#" + sco }, record));
    });
  }

  async function send(entry) {
    var response;
    try {
      response = await fetch(entry.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: entry.body,
        credentials: "omit",
        cache: "no-store"
      });
    } catch (error) {
      return "kept";
    }
    if (response.ok) {
      await within(["outbox"], "readwrite", function (s) {
        s.outbox.delete(entry.id);
      });
      return "sent";
    }
    if (response.status >= 500) return "kept";
    var said = {};
    try {
      said = await response.json();
    } catch (error) {
      said = {};
    }
    await within(["outbox", "refused"], "readwrite", function (s) {
      s.outbox.delete(entry.id);
      s.refused.put({
        id: entry.id,
        url: entry.url,
        sco: entry.sco,
        seq: entry.seq,
        status: response.status,
        message: String(said.message || response.status)
      });
    });
    return "refused";
  }

  async function flushNow() {
    var counts = { sent: 0, refused: 0, kept: 0 };
    // In the order they were made (then by attempt and seq, which a commit's id spells).
    var waiting = (await all("outbox")).sort(function (a, b) {
      if ((a.made || 0) !== (b.made || 0)) return (a.made || 0) - (b.made || 0);
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    // A commit kept (no network, a server error) stops the flush: what follows, of any attempt,
    // waits for the next one, so that the server gets attempts in the order they were played.
    for (var i = 0; i < waiting.length; i++) {
      var outcome = await send(waiting[i]);
      if (outcome === "kept") {
        counts.kept += waiting.length - i;
        break;
      }
      counts[outcome] += 1;
    }
    return counts;
  }

  // Send what waits; a page and the worker never send at once.
  function flush() {
    var run = function () {
      return unstash().then(flushNow);
    };
    if (global.navigator && global.navigator.locks) {
      return global.navigator.locks.request("scorm-outbox", run);
    }
    return run();
  }

  global.scormOutbox = {
    add: add,
    flush: flush,
    last: last,
    remember: remember,
    unstash: unstash,
    refused: function () {
      return all("refused");
    },
    // The refused commits ``ids`` leave the device: the officer read the reason and dismissed it.
    dismiss: function (ids) {
      return within(["refused"], "readwrite", function (s) {
        ids.forEach(function (id) {
          s.refused.delete(id);
        });
      });
    },
    waiting: function () {
      return all("outbox");
    }
  };
})(self);
