// <select data-autosubmit> / <input data-autosubmit>: changing it submits its form (a file, not an inline
// onchange, for the CSP).
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.submit();
});
