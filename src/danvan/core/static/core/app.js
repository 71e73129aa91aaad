/* Dân Vận front-end glue. No inline scripts (strict CSP): charts read their data from
   <script type="application/json"> blocks (Django's json_script) referenced by data-chart. */
(function () {
  "use strict";
  function renderCharts(root) {
    if (typeof window.Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.rendered) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var config = JSON.parse(source.textContent);
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      formatNumbers(config);
      new window.Chart(canvas, config);
      canvas.dataset.rendered = "1";
    });
  }
  /* The one number format (core/numbers.py) on axes and tooltips: vi "3.321" and "42,1%", en "3,321". */
  function formatNumbers(config) {
    var extra = config.options.danvan || {};
    delete config.options.danvan;
    var lang = document.documentElement.lang || "vi";
    var fmt = new Intl.NumberFormat(lang === "en" ? "en-US" : "vi-VN",
      extra.percent ? { minimumFractionDigits: 1, maximumFractionDigits: 1 } : { maximumFractionDigits: 1 });
    var show = function (v) { return v === null || v === undefined ? "—" : fmt.format(v) + (extra.percent ? "%" : ""); };
    var horizontal = config.options.indexAxis === "y";
    var scales = config.options.scales || {};
    var valueAxis = horizontal ? "x" : "y";
    if (scales[valueAxis]) {
      scales[valueAxis].ticks = Object.assign({}, scales[valueAxis].ticks, { callback: function (v) { return show(v); } });
    }
    config.options.plugins = config.options.plugins || {};
    config.options.plugins.tooltip = {
      callbacks: { label: function (ctx) { return (ctx.dataset.label || "") + ": " + show(horizontal ? ctx.parsed.x : ctx.parsed.y); } }
    };
  }
  function confirmForms(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.confirmBound) { return; }
      form.dataset.confirmBound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
  }
  // Wide tables scroll inside their own box (keyboard-focusable, named after the page's heading)
  // instead of widening the page on a phone.
  function wrapTables(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var parent = table.parentElement;
      if (!parent || parent.classList.contains("table-scroll")) { return; }
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      var heading = document.querySelector("main h1");
      var name = table.getAttribute("aria-label") || (caption && caption.textContent) || (heading && heading.textContent) || "";
      if (name) { box.setAttribute("aria-label", name.trim()); }
      parent.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  // The menu button folds the navigation on narrow screens; without JavaScript everything stays shown.
  function bindMenu() {
    var header = document.querySelector("[data-menu]");
    var button = header && header.querySelector(".menu-button");
    if (!header || !button) { return; }
    button.hidden = false;
    header.classList.add("menu-ready");
    button.addEventListener("click", function () {
      var open = header.classList.toggle("menu-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        header.classList.remove("menu-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }
  // Sections that belong to one kind of petition (complaint, denunciation) show only for that kind.
  function kindSections(root) {
    root.querySelectorAll("form").forEach(function (form) {
      var select = form.querySelector("select[name=kind]");
      var sections = form.querySelectorAll("[data-kind-section]");
      if (!select || !sections.length || select.dataset.kindBound) { return; }
      select.dataset.kindBound = "1";
      function update() {
        sections.forEach(function (section) {
          var shown = section.dataset.kindSection === select.value;
          // A section with an error stays visible so that the person sees what to fix.
          section.hidden = !shown && !section.querySelector(".has-error");
        });
      }
      select.addEventListener("change", update);
      update();
    });
  }
  // A search box over a list of people (data-filter-target="x" over [data-filter-list="x"]): typing a
  // name, with or without diacritics, hides the others. Without JavaScript the whole list stays shown.
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function filterLists(root) {
    root.querySelectorAll("input[data-filter-target]").forEach(function (box) {
      if (box.dataset.filterBound) { return; }
      box.dataset.filterBound = "1";
      box.addEventListener("input", function () {
        var wanted = fold(box.value.trim());
        document.querySelectorAll("[data-filter-list='" + box.dataset.filterTarget + "']").forEach(function (el) {
          if (el.tagName === "SELECT") {
            Array.prototype.forEach.call(el.options, function (option) {
              option.hidden = Boolean(option.value) && wanted !== "" && fold(option.text).indexOf(wanted) < 0;
            });
            return;
          }
          var row = el.closest("label") || el;
          var item = row.parentElement && row.parentElement.tagName === "DIV" ? row.parentElement : row;
          item.hidden = wanted !== "" && !el.checked && fold(row.textContent).indexOf(wanted) < 0;
        });
      });
    });
  }
  // After a form error, the summary at the top takes the focus (screen readers read it first).
  function focusErrors() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  function init(root) { wrapTables(root); renderCharts(root); confirmForms(root); kindSections(root); filterLists(root); }
  document.addEventListener("DOMContentLoaded", function () { bindMenu(); init(document); focusErrors(); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
