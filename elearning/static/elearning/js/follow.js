// Follows work the task worker does for a page (an import): asks the server every two seconds
// and shows the page again, with its result, once the work is finished. Without JavaScript the
// page refreshes itself (<noscript> meta refresh).
(function () {
  var box = document.querySelector("[data-url][id]");
  if (!box) return;
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "X-Elearning-Poll": "1" } }).then(function (r) { return r.json(); })
      .then(function (work) {
        if (work.finished) window.location.reload();
        else setTimeout(poll, 2000);
      }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
