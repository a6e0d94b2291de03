/* Scan the collector's QR/barcode with the browser's own BarcodeDetector (no library, nothing from a CDN);
   without it (or without a camera) the crew types the serial. */
(function () {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  document.getElementById("scanner").hidden = false;
  document.getElementById("scan-fallback").hidden = true;
  var video = document.getElementById("scan-video"), status = document.getElementById("scan-status");
  document.getElementById("scan-start").addEventListener("click", function () {
    var detector = new BarcodeDetector();
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play(); status.textContent = "对准采集器上的二维码或条码…";
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            var text = codes[0].rawValue.trim(), m = text.match(/[?&]serial=([^&]+)/);
            document.getElementById("id_serial").value = m ? decodeURIComponent(m[1]) : text;
            status.textContent = "已识别：" + document.getElementById("id_serial").value;
            stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true;
          } else { requestAnimationFrame(tick); }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { status.textContent = "无法打开摄像头，请手动输入设备编号"; });
  });
})();
