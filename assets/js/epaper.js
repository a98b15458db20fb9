// epaper: 放大 / 缩小 / 默认 for the article text, as on the original e-paper, remembered
// across pages in localStorage. Loaded in <head> so the size applies before the first paint;
// the buttons work by event delegation. Nothing here touches the network.
(function () {
  "use strict";
  var KEY = "epaper-font-scale";
  var MIN = 0.8;
  var MAX = 1.8;
  var STEP = 0.1;
  var root = document.documentElement;

  function read() {
    try {
      var v = parseFloat(window.localStorage.getItem(KEY));
      return v >= MIN && v <= MAX ? v : 1;
    } catch (e) {
      return 1;
    }
  }

  function save(v) {
    try {
      if (v === 1) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, String(v));
      }
    } catch (e) {
      // storage unavailable: the size holds for this page only
    }
  }

  function apply(v) {
    root.style.setProperty("--font-scale", String(v));
  }

  var scale = read();
  root.classList.add("js");
  apply(scale);

  document.addEventListener("click", function (ev) {
    var button = ev.target && ev.target.closest ? ev.target.closest("[data-font]") : null;
    if (!button) {
      return;
    }
    var op = button.getAttribute("data-font");
    if (op === "larger") {
      scale = Math.min(MAX, Math.round((scale + STEP) * 10) / 10);
    } else if (op === "smaller") {
      scale = Math.max(MIN, Math.round((scale - STEP) * 10) / 10);
    } else {
      scale = 1;
    }
    apply(scale);
    save(scale);
  });
})();
