/* claimgraph 1.0: layer toggles, the details panel, annotation filter and citations of a selection.
   No eval, no innerHTML with data: the details are clones of the server-rendered (escaped) list items. */
(function () {
  "use strict";
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function initLayers(text) {
    $$(".layer-toggle").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
      });
    });
    function setAll(on) {
      $$(".layer-toggle").forEach(function (box) {
        box.checked = on;
        text.classList.toggle("hide-" + box.dataset.layer, !on);
      });
    }
    var allOn = $("#all-on"), allOff = $("#all-off"), plain = $("#plain-toggle");
    if (allOn) allOn.addEventListener("click", function () { setAll(true); });
    if (allOff) allOff.addEventListener("click", function () { setAll(false); });
    if (plain) plain.addEventListener("click", function () {
      var on = !text.classList.contains("plain");
      text.classList.toggle("plain", on);
      plain.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function visible(ann, text) {
    return !text.classList.contains("hide-" + ann.dataset.layer);
  }

  function showDetails(seg, text) {
    var body = $("#details-body"), panel = $("#details");
    if (!body || !panel) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    var ids = (seg.dataset.anns || "").split(" ").filter(Boolean);
    var shown = 0;
    var list = document.createElement("ul");
    ids.forEach(function (id) {
      var item = document.getElementById("ann-" + id);
      if (!item || !visible(item, text)) return;
      var copy = item.cloneNode(true);
      copy.removeAttribute("id");
      list.appendChild(copy);
      shown += 1;
    });
    if (!shown) {
      var p = document.createElement("p");
      p.className = "hint";
      p.textContent = "The layers over this passage are switched off.";
      body.appendChild(p);
    } else {
      body.appendChild(list);
    }
    var back = document.createElement("button");
    back.type = "button";
    back.className = "secondary";
    back.textContent = "Back to the text";
    back.addEventListener("click", function () { seg.focus(); });
    body.appendChild(back);
    $$(".seg[aria-expanded]", text).forEach(function (s) { s.removeAttribute("aria-expanded"); });
    seg.setAttribute("aria-expanded", "true");
    panel.dataset.from = seg.dataset.start;
    panel.focus();
    panel.addEventListener("keydown", function onKey(ev) {
      if (ev.key === "Escape") { panel.removeEventListener("keydown", onKey); seg.focus(); }
    });
  }

  function initSegments(text) {
    text.addEventListener("click", function (ev) {
      var seg = ev.target.closest(".seg");
      if (seg && !String(window.getSelection() || "")) showDetails(seg, text);
    });
    text.addEventListener("keydown", function (ev) {
      var seg = ev.target.closest(".seg");
      if (seg && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); showDetails(seg, text); }
    });
  }

  function initFilter() {
    var input = $("#ann-filter"), layer = $("#ann-layer");
    if (!input || !layer) return;
    function apply() {
      var words = input.value.toLowerCase().trim();
      $$("#ann-list > li").forEach(function (li) {
        var okLayer = !layer.value || li.dataset.layer === layer.value;
        var okText = !words || li.textContent.toLowerCase().indexOf(words) !== -1;
        li.hidden = !(okLayer && okText);
      });
    }
    input.addEventListener("input", apply);
    layer.addEventListener("change", apply);
  }

  function offsetIn(node, offset) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    var holder = el && el.closest("[data-start]");
    if (!holder) return null;
    var walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    var count = 0, t;
    while ((t = walker.nextNode())) {
      if (t.parentElement.closest(".tmark")) continue;
      if (t === node) return parseInt(holder.dataset.start, 10) + count + offset;
      count += t.data.length;
    }
    return parseInt(holder.dataset.start, 10) + (node.nodeType === 1 ? count : 0);
  }

  function initCitation(text) {
    var box = $("#selection-cite");
    if (!box) return;
    function update() {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode) || !text.contains(sel.focusNode)) return;
      var a = offsetIn(sel.anchorNode, sel.anchorOffset), b = offsetIn(sel.focusNode, sel.focusOffset);
      if (a === null || b === null || a === b) return;
      var start = Math.min(a, b), end = Math.max(a, b);
      var meta = document.querySelector(".doc .meta");
      $(".cite-text", box).textContent = "\u201c" + String(sel).replace(/\s+/g, " ").trim() + "\u201d, " +
        (meta ? meta.textContent.replace(/\s+/g, " ").trim() : "") + " (characters " + start + "\u2013" + end + ")";
      var link = $(".cite-link", box);
      if (link) link.href = "/articles/" + encodeURIComponent(text.dataset.article) + "?start=" + start + "&end=" + end + "#cite";
      box.hidden = false;
    }
    document.addEventListener("mouseup", update);
    document.addEventListener("keyup", function (ev) { if (ev.shiftKey) update(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("text");
    if (text && text.classList.contains("text")) {
      initLayers(text);
      initSegments(text);
      initCitation(text);
    }
    initFilter();
  });
})();
