/* Search over the passages that search-index.js defines at build time (window.TEIEDITION_INDEX:
   every paragraph, verse line and heading with its reading text). No network request, no
   server: works from file://. Every word of the query must occur in a passage; a query word
   also matches longer words that start with it (Stalin -> Stalins). The words are looked for
   in the passages' text itself, lower-cased once on the first search, so the index is no
   larger than the text and the build makes no word lists; a result shows its passage around
   the first match. */
(function () {
  "use strict";
  var index = window.TEIEDITION_INDEX;
  var results = document.getElementById("results");
  var input = document.getElementById("q");
  if (!index || !results || !input) { return; }
  var LIMIT = 500;    // results listed
  var CONTEXT = 45;   // characters shown before a match

  // word separators besides white space (the index's passages keep their punctuation)
  var PUNCT = ".,;:!?¡¿\"'`´’‘”“„‚»«›‹()[]{}<>—–‐‑-−…*/\\|_~^+=#%&@$§¶•·°†‡";
  function separator(ch) { return /\s/.test(ch) || PUNCT.indexOf(ch) !== -1; }
  function tokens(s) {
    var out = "";
    for (var ch of s.toLowerCase()) { out += PUNCT.indexOf(ch) === -1 ? ch : " "; }
    return out.split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  var lower = null;  // the passages lower-cased, made on the first search
  function passages() {
    if (lower === null) {
      lower = index.units.map(function (u) { return u[2].toLowerCase(); });
    }
    return lower;
  }
  // where a word that starts with token begins in s (lower-cased), or -1
  function wordStart(s, token) {
    for (var at = s.indexOf(token); at !== -1; at = s.indexOf(token, at + 1)) {
      if (at === 0 || separator(s.charAt(at - 1))) { return at; }
    }
    return -1;
  }

  // the length of the word that begins at `at` in s
  function wordLength(s, at) {
    var end = at + 1;
    while (end < s.length && !separator(s.charAt(end))) { end++; }
    return end - at;
  }

  function el(name, text, attrs) {
    var e = document.createElement(name);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // the passage around the match at `at` (`length` characters), the match marked; where
  // lower-casing changed the passage's length, its opening
  function snippet(text, low, at, length) {
    var span = el("span", "", { "class": "snippet" });
    if (low.length !== text.length) { at = 0; length = 0; }
    var from = Math.max(0, at - CONTEXT);
    var to = Math.min(text.length, at + length + 90 - CONTEXT);
    var space = from > 0 ? text.indexOf(" ", from) : -1;
    if (space !== -1 && space < at) { from = space + 1; }  // begin at a word
    span.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, at)));
    if (length) { span.appendChild(el("mark", text.slice(at, at + length))); }
    span.appendChild(document.createTextNode(text.slice(at + length, to) +
      (to < text.length ? "…" : "")));
    return span;
  }

  function run(query) {
    results.textContent = "";
    var ts = tokens(query);
    if (ts.length === 0) { return; }
    var names = index.names.filter(function (n) {
      var all = [n[0]].concat(n[3]).join(" ").toLowerCase();
      return ts.every(function (t) { return all.indexOf(t) !== -1; });
    });
    var low = passages();
    var hits = [];  // [passage, where the first query word matched]
    for (var u = 0; u < low.length; u++) {
      var first = wordStart(low[u], ts[0]);
      if (first === -1) { continue; }
      var all = true;
      for (var k = 1; k < ts.length && all; k++) { all = wordStart(low[u], ts[k]) !== -1; }
      if (all) { hits.push([u, first]); }
    }
    var doc = document.documentElement.lang === "sv";
    var summary = el("p", (doc ? "Träffar: " : "Results: ") + hits.length +
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
    hits.slice(0, LIMIT).forEach(function (hit) {
      var unit = index.units[hit[0]];
      var text = index.texts[unit[0]];
      var li = el("li");
      var where = /^p\d+$/.test(unit[1]) ? "¶ " + unit[1].slice(1) : unit[1];
      li.appendChild(el("a", text[1] + ", " + where, { href: text[0] + "#" + unit[1] }));
      li.appendChild(snippet(unit[2], low[hit[0]], hit[1], wordLength(low[hit[0]], hit[1])));
      ol.appendChild(li);
    });
    results.appendChild(ol);
    if (hits.length > LIMIT) {
      results.appendChild(el("p", (doc ? "Visar de första " : "Showing the first ") + LIMIT + "."));
    }
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
