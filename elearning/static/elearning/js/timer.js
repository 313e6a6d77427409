// Shows the time left in a timed quiz. The server keeps the time: when it runs out, the
// server grades what was saved, whatever this clock says.
(function () {
  var el = document.getElementById("time-left");
  if (!el) return;
  var value = el.querySelector(".value");
  var end = Date.now() + 1000 * Number(el.dataset.seconds);
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    if (left) {
      value.textContent = m + ":" + (s < 10 ? "0" : "") + s;
    } else {
      el.textContent = el.dataset.expired;
    }
    if (left) setTimeout(tick, 1000);
  }
  tick();
})();
