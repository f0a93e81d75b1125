// The organiser's screen: fetch the current token and code, draw the QR code, refresh before expiry.
document.addEventListener("DOMContentLoaded", function () {
  var screen = document.getElementById("code-screen");
  if (!screen) return;
  var qrBox = document.getElementById("qr");
  var codeBox = document.getElementById("code");
  var countdown = document.getElementById("countdown");
  var left = 0;

  function draw(url) {
    if (typeof qrcode === "undefined") return;
    var qr = qrcode(0, "M");
    qr.addData(url);
    qr.make();
    qrBox.innerHTML = qr.createSvgTag({ cellSize: 6, margin: 2, scalable: true });
  }

  function refresh() {
    fetch(screen.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        draw(data.url);
        codeBox.textContent = data.code;
        left = data.expires_in;
        countdown.textContent = left;
      })
      .catch(function () { left = 3; });
  }

  refresh();
  setInterval(function () {
    left -= 1;
    if (left <= 0) { refresh(); } else { countdown.textContent = left; }
  }, 1000);
});
