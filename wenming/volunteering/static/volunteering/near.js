// "Near me": fill the filter's hidden coordinates from the browser's location and submit.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("near-me");
  var form = document.getElementById("filter");
  if (!button || !form || !navigator.geolocation) { if (button) button.hidden = true; return; }
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.lat.value = pos.coords.latitude.toFixed(6);
      form.elements.lng.value = pos.coords.longitude.toFixed(6);
      form.submit();
    }, function () { button.textContent = button.dataset.denied; }, { timeout: 8000 });
  });
});
