// Inline knowledge checks: instant feedback, counted for nothing. Without JS the answer and
// feedback are still available under "Show the answer".
document.querySelectorAll("form.check").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = form.querySelector("input:checked");
    var out = form.querySelector(".feedback");
    if (!chosen) { out.textContent = form.dataset.choose; out.className = "feedback"; return; }
    var right = chosen.dataset.correct === "1";
    out.textContent = (right ? form.dataset.right : form.dataset.wrong) + " " + (chosen.dataset.feedback || "");
    out.className = "feedback " + (right ? "right" : "wrong");
    out.hidden = false;
  });
});
