// The situation report keeps a draft in this browser (localStorage) while it is being written, so a
// weak connection or a closed tab loses nothing: restored on the next visit, cleared once the report's
// page (after a successful submission) is shown.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var clear = document.querySelector("[data-draft-clear]");
    if (clear) {
      try { window.localStorage.removeItem(clear.getAttribute("data-draft-clear")); } catch (e) { /* storage off */ }
    }
    var form = document.querySelector("form[data-draft-key]");
    if (!form) { return; }
    var key = form.getAttribute("data-draft-key");
    var status = document.querySelector("[data-testid=draft-status]");
    function fields() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit" && el.type !== "hidden";
      });
    }
    function save() {
      var data = {};
      fields().forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
        } else {
          data[el.name] = [el.value];
        }
      });
      try {
        window.localStorage.setItem(key, JSON.stringify(data));
        if (status) { status.textContent = status.getAttribute("data-saved-text"); }
      } catch (e) { /* storage full or off */ }
    }
    function restore() {
      var raw = null;
      try { raw = window.localStorage.getItem(key); } catch (e) { return; }
      if (!raw) { return; }
      var data;
      try { data = JSON.parse(raw); } catch (e) { return; }
      fields().forEach(function (el) {
        var values = data[el.name];
        if (!values) { return; }
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = values.indexOf(el.value) >= 0;
        } else {
          el.value = values[0];
        }
      });
      if (status) { status.textContent = status.getAttribute("data-restored-text"); }
    }
    if (!form.hasAttribute("data-draft-keep")) { restore(); }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", save);
  });
})();
