// Knowledge checks in lessons: graded on the server (the answer is not in the page), shown
// here without leaving the lesson. Without JavaScript the form posts and the lesson reloads
// with the same feedback. With no connection (the request fails), a page with the offline
// scripts takes the answer (offlinemode's practice.js: marked here or kept, ADR 0041).
document.querySelectorAll("form.check").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var out = form.querySelector(".feedback");
    if (!navigator.onLine && window.offlinePractice && window.offlinePractice.answer(form)) {
      return;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (result) {
      out.className = "feedback " + (result.correct ? "right" : (result.answered ? "wrong" : ""));
      out.textContent = "";
      [result.message].concat(result.details).forEach(function (text) {
        var p = document.createElement("p");
        p.textContent = text;
        out.appendChild(p);
      });
    }).catch(function (error) {
      var offline = error instanceof TypeError && window.offlinePractice;
      if (!(offline && window.offlinePractice.answer(form))) { form.submit(); }
    });
  });
});
