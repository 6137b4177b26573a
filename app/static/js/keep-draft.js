// Progressive enhancement: keep what the learner types in this browser too, so a dropped connection
// or an expired session never loses it, and send it to the server a moment after typing stops, so
// another device shows it without pressing Save. Without JavaScript the form's buttons save it.
(function () {
  var form = document.querySelector("form[data-keep-draft]");
  if (!form) { return; }
  var key = "verstas-draft-" + form.getAttribute("data-keep-draft");
  var area = form.querySelector("textarea");
  var status = form.querySelector("[data-autosave-status]");
  var address = form.getAttribute("data-autosave");
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }
  var timer = null;
  var unsent = false;

  function keepHere() {
    if (storage) { storage.setItem(key, JSON.stringify({ text: area.value, at: Date.now() })); }
  }

  function say(attribute) {
    if (status) { status.textContent = form.getAttribute(attribute) || ""; }
  }

  function send() {
    timer = null;
    if (!address || !window.fetch) { return; }
    var text = area.value;
    var body = new URLSearchParams();
    body.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
    body.append("text", text);
    unsent = true;
    fetch(address, { method: "POST", body: body, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { return; }
      // The server has it: this browser's copy is only for text the server has not got.
      if (area.value === text) {
        unsent = false;
        if (storage) { storage.removeItem(key); }
      }
      say("data-saved-text");
    }).catch(function () {
      say("data-offline-text");
    });
  }

  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(send, 2000);
  }

  var saved = null;
  if (storage) {
    try { saved = JSON.parse(storage.getItem(key)); } catch (e) { saved = null; }
  }
  if (saved && saved.text && saved.text !== area.value && saved.text.length >= area.value.length) {
    area.value = saved.text;
    later();
  }
  area.addEventListener("input", function () {
    keepHere();
    later();
  });
  window.addEventListener("online", function () {
    if (unsent) { later(); }
  });
  form.addEventListener("submit", function (event) {
    if (timer) { clearTimeout(timer); }
    if (event.submitter && event.submitter.value === "submit" && storage) { storage.removeItem(key); }
  });
})();
