// Picking an address suggestion fills the form's address (and 户号 when known). A delegated listener in a
// file rather than onclick attributes: the Content-Security-Policy allows no inline script.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.suggestion");
  if (!button) return;
  var form = button.closest("form");
  if (button.dataset.account && form.elements["account"]) form.elements["account"].value = button.dataset.account;
  form.elements["address"].value = button.dataset.label;
  button.closest(".suggestions").remove();
});
