// Small page behaviours, from a file rather than inline handlers (the CSP refuses those):
// <select data-autosubmit> submits its form when changed; <form data-confirm="…"> asks before submitting.
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.submit();
});
document.addEventListener("submit", function (e) {
  var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) e.preventDefault();
});
