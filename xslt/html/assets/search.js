/* Search over the index that search-index.js defines at build time (window.TEIEDITION_INDEX).
   No network request, no server: works from file://. Every word of the query must occur in a
   passage; a query word also matches longer words that start with it (Stalin -> Stalins). */
(function () {
  "use strict";
  var index = window.TEIEDITION_INDEX;
  var results = document.getElementById("results");
  var input = document.getElementById("q");
  if (!index || !results || !input) { return; }
  var words = Object.keys(index.words);

  // the separators teiedition.publish.html.PUNCTUATION uses when it builds the index
  var PUNCT = ".,;:!?¡¿\"'`´’‘”“„‚»«›‹()[]{}<>—–‐‑-−…*/\\|_~^+=#%&@$§¶•·°†‡";
  function tokens(s) {
    var out = "";
    for (var ch of s.toLowerCase()) { out += PUNCT.indexOf(ch) === -1 ? ch : " "; }
    return out.split(/\s+/).filter(function (t) { return t.length > 0; });
  }
  function unitsFor(token) {
    var set = new Set();
    for (var i = 0; i < words.length; i++) {
      if (words[i].lastIndexOf(token, 0) === 0) {
        index.words[words[i]].forEach(function (u) { set.add(u); });
      }
    }
    return set;
  }
  function el(name, text, attrs) {
    var e = document.createElement(name);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function run(query) {
    results.textContent = "";
    var ts = tokens(query);
    if (ts.length === 0) { return; }
    var names = index.names.filter(function (n) {
      var all = [n[0]].concat(n[3]).join(" ").toLowerCase();
      return ts.every(function (t) { return all.indexOf(t) !== -1; });
    });
    var hits = null;
    ts.forEach(function (t) {
      var s = unitsFor(t);
      hits = hits === null ? s : new Set(Array.from(hits).filter(function (u) { return s.has(u); }));
    });
    var list = Array.from(hits || []).sort(function (a, b) { return a - b; });
    var doc = document.documentElement.lang === "sv";
    var summary = el("p", (doc ? "Träffar: " : "Results: ") + list.length +
      (names.length ? (doc ? ", namn: " : ", names: ") + names.length : ""));
    results.appendChild(summary);
    if (names.length) {
      var ul = el("ul");
      names.forEach(function (n) {
        var li = el("li");
        li.appendChild(el("a", n[0], { href: n[1] }));
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }
    var ol = el("ol");
    list.slice(0, 500).forEach(function (u) {
      var unit = index.units[u];
      var text = index.texts[unit[0]];
      var li = el("li");
      var where = /^p\d+$/.test(unit[1]) ? "¶ " + unit[1].slice(1) : unit[1];
      li.appendChild(el("a", text[1] + ", " + where, { href: text[0] + "#" + unit[1] }));
      li.appendChild(el("span", unit[2], { "class": "snippet" }));
      ol.appendChild(li);
    });
    results.appendChild(ol);
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  input.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
  });
}());
