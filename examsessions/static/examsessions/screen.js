// The exam room's screen: shown on a projector with nobody at the keyboard, it reloads itself
// every 15 seconds so the counts stay current (a script rather than a meta refresh, which
// screen readers announce as a page change without warning).
(function () {
  var screen = document.querySelector("[data-refresh-seconds]");
  if (!screen) return;
  setTimeout(function () { window.location.reload(); }, 1000 * Number(screen.dataset.refreshSeconds));
})();
