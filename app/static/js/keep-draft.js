// Progressive enhancement: keep what the learner types in this browser too, so a dropped connection
// or an expired session never loses it. The server copy is saved with the form's buttons.
(function () {
  var form = document.querySelector("form[data-keep-draft]");
  if (!form || !window.localStorage) { return; }
  var key = "verstas-draft-" + form.getAttribute("data-keep-draft");
  var area = form.querySelector("textarea");
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(key)); } catch (e) { saved = null; }
  if (saved && saved.text && saved.text !== area.value && saved.text.length >= area.value.length) {
    area.value = saved.text;
  }
  area.addEventListener("input", function () {
    localStorage.setItem(key, JSON.stringify({ text: area.value, at: Date.now() }));
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value === "submit") { localStorage.removeItem(key); }
  });
})();
