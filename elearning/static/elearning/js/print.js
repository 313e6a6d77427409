// A "Print" button for pages made to be printed (the transcript). The browser's own print
// works as well; without JavaScript the button does nothing and is hidden in print.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
