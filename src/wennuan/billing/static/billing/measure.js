// 获取定位: fills the form's latitude and longitude (a file, not inline, for the CSP).
document.getElementById("locate").addEventListener("click", function () {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition(function (p) {
    document.getElementById("id_latitude").value = p.coords.latitude.toFixed(6);
    document.getElementById("id_longitude").value = p.coords.longitude.toFixed(6);
  });
});
