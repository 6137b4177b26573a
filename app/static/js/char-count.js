// Progressive enhancement: the "you have written N characters" hint counts as the learner types.
(function () {
  var area = document.querySelector("textarea[data-char-count]");
  if (!area) { return; }
  var count = document.getElementById(area.getAttribute("data-char-count"));
  if (!count) { return; }
  function update() { count.textContent = String(Array.from(area.value.trim()).length); }
  area.addEventListener("input", update);
  update();
})();
