// Followthrough: the only script of our own. No inline scripts anywhere (see the CSP).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var source = document.querySelector(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.value || source.textContent).then(function () {
    button.textContent = "Copied";
  });
});
