// The one IndexedDB database of the offline mode, shared by pages and the service worker
// (loaded in both, after idb). Its schema is declared here only: a store added later is a new
// version with its own upgrade step.
//
//   courses  key "<officer>:<course id>": a course saved on this device, by whom
//            {key, officer, course, title, url, language, version, saved_at, bytes, entries}
//   state    key "current": who uses this browser now {id, officer, name, last_online}
//   devices  key officer: this device's signing key for that officer
//            {officer, device, keys (CryptoKeyPair, private key not extractable), seq, registered}
//   queue    key item id: activity made offline, waiting to be sent; index "officer"
//   results  key item id: what the server answered for a sent item (check marking, refusals)
(function (global) {
  "use strict";
  var NAME = "elearning-offline";
  var VERSION = 1;

  function open() {
    return global.idb.openDB(NAME, VERSION, {
      upgrade: function (db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore("courses", { keyPath: "key" }).createIndex("officer", "officer");
          db.createObjectStore("state", { keyPath: "id" });
          db.createObjectStore("devices", { keyPath: "officer" });
          db.createObjectStore("queue", { keyPath: "id" }).createIndex("officer", "officer");
          db.createObjectStore("results", { keyPath: "id" });
        }
      }
    });
  }

  global.offlineDb = { name: NAME, open: open };
})(self);
