// Small behaviours of every page, wired by data attributes (the Content-Security-Policy allows
// no inline script: no on*= attributes, no <script> blocks in templates).
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (the language switch).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });

  document.addEventListener("click", function (event) {
    var node = event.target;
    if (!node.matches) { return; }
    // <input data-select-on-click>: a tap selects the whole text (a link to copy).
    if (node.matches("[data-select-on-click]")) {
      node.select();
    }
    // <input type=checkbox data-check-all=".pick">: ticks or unticks every box the selector names.
    if (node.matches("[data-check-all]")) {
      document.querySelectorAll(node.getAttribute("data-check-all")).forEach(function (box) {
        box.checked = node.checked;
      });
    }
  });
})();
