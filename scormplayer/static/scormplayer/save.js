/* The save document of an offline launch, framed hidden by the platform's save flow (ADR 0045).
 * It registers the content origin's service worker (scope /scorm-) and asks it to precache the
 * launch's package files and launch documents ("save"), or to delete them ("remove"), and tells
 * the platform page how it goes by postMessage, to the platform's origins only:
 * {source: "scorm-save", type: "progress" | "done" | "error", ...}. "check" asks nothing of the
 * worker: done says whether this origin still holds the launch's cache ({saved: bool}; a
 * browser that cleared the site's storage cleared it). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("scorm-save").textContent);

  function tell(message) {
    message.source = "scorm-save";
    message.launch = data.launch;
    if (window.parent === window) return;
    data.platform_origins.forEach(function (origin) {
      window.parent.postMessage(message, origin);
    });
  }

  function ask(registration) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        var said = event.data;
        if (said.type === "progress") {
          tell({ type: "progress", done: said.done, total: said.total });
        } else if (said.type === "done") {
          resolve(said.result);
        } else {
          reject(new Error(said.message));
        }
      };
      registration.active.postMessage(
        { type: data.command, cache: data.cache, entries: data.entries },
        [channel.port2]
      );
    });
  }

  function run() {
    if (data.command === "check") {
      return caches.has(data.cache).then(function (saved) {
        return { saved: saved };
      });
    }
    if (!("serviceWorker" in navigator)) {
      return Promise.reject(new Error("no service worker here"));
    }
    return navigator.serviceWorker
      .register(data.worker, { scope: data.scope })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(ask);
  }

  run().then(
    function (result) {
      tell({ type: "done", command: data.command, result: result });
    },
    function (error) {
      tell({ type: "error", command: data.command, message: String((error && error.message) || error) });
    }
  );
})();
