// Follows a batch of certificates being printed: asks the server every two seconds.
(function () {
  var box = document.getElementById("batch");
  if (!box) return;
  var bar = box.querySelector("[role=progressbar]");
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "X-Elearning-Poll": "1" } }).then(function (r) { return r.json(); })
      .then(function (job) {
        bar.setAttribute("aria-valuenow", job.percent);
        bar.firstElementChild.style.width = job.percent + "%";
        box.querySelector(".count").textContent = job.done + " / " + job.total;
        if (job.status === "done") {
          box.querySelector(".status").firstChild.textContent = box.dataset.done + " · ";
          box.querySelector(".download").hidden = false;
        } else if (job.status === "failed") {
          box.querySelector(".status").firstChild.textContent = box.dataset.failed + " · ";
        } else {
          setTimeout(poll, 2000);
        }
      }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
