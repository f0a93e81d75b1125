// Check-in page: read the organiser's QR code with the camera (jsQR), or let the volunteer type the
// 6-digit code; the browser's location goes along when the volunteer allows it.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("checkin-form");
  if (!form) return;
  var token = form.elements.token;
  var box = document.getElementById("scanner");
  var button = document.getElementById("scan-button");
  var video = box.querySelector("video");
  var canvas = box.querySelector("canvas");
  var submitting = false;

  function locate(done) {
    if (!navigator.geolocation) return done();
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.latitude.value = pos.coords.latitude.toFixed(6);
      form.elements.longitude.value = pos.coords.longitude.toFixed(6);
      done();
    }, done, { timeout: 4000, maximumAge: 60000 });
  }

  function send() {
    if (submitting) return;
    submitting = true;
    locate(function () { form.submit(); });
  }

  function tokenFrom(text) {
    try { return new URL(text, window.location.href).searchParams.get("t") || text; } catch (e) { return text; }
  }

  form.addEventListener("submit", function (event) {
    if (submitting) return;
    event.preventDefault();
    send();
  });

  // Opened from the phone's own camera app: the QR code's link carries the token.
  if (token.value) { send(); return; }

  // Inside WeChat the JS-SDK scanner replaces the camera preview.
  var wxConfig = document.getElementById("wechat-scan-config");
  if (wxConfig && typeof wx !== "undefined") {
    var cfg = JSON.parse(wxConfig.textContent);
    wx.config({ appId: cfg.appId, timestamp: cfg.timestamp, nonceStr: cfg.nonceStr, signature: cfg.signature,
                jsApiList: ["scanQRCode"] });
    button.addEventListener("click", function () {
      wx.scanQRCode({ needResult: 1, scanType: ["qrCode"], success: function (res) {
        token.value = tokenFrom(res.resultStr);
        send();
      } });
    });
    return;
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof jsQR === "undefined") {
    button.hidden = true;
    return;
  }
  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      box.hidden = false;
      button.hidden = true;
      video.srcObject = stream;
      video.play();
      var ctx = canvas.getContext("2d", { willReadFrequently: true });
      (function tick() {
        if (submitting) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
        if (video.readyState === video.HAVE_ENOUGH_DATA) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
          var found = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
          if (found && found.data) { token.value = tokenFrom(found.data); send(); return; }
        }
        requestAnimationFrame(tick);
      })();
    }).catch(function () { button.hidden = true; });
  });
});
