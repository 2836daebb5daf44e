/* Search with Pagefind (`teiedition html --search pagefind`): for an edition served over
   HTTP (Pagefind loads its index with fetch and WebAssembly, which file:// does not allow).
   Pagefind's index (pagefind/, written by the `pagefind` binary after the pages are built)
   stems words in the texts' languages; results list the page and Pagefind's excerpt of it,
   in the page's own form and markup as search.js lists its results. */
(function () {
  "use strict";
  var results = document.getElementById("results");
  var input = document.getElementById("q");
  if (!results || !input) { return; }
  var LIMIT = 100;
  var pagefind = null;
  function el(name, text, attrs) {
    var e = document.createElement(name);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // Pagefind's excerpt marks the matches with <mark>; nothing else of it is HTML
  function excerpt(html) {
    var span = el("span", "", { "class": "snippet" });
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      var m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      var text = new DOMParser().parseFromString(m ? m[1] : part, "text/html")
        .documentElement.textContent;
      span.appendChild(m ? el("mark", text) : document.createTextNode(text));
    });
    return span;
  }
  var current = 0;
  function run(query) {
    var me = ++current;
    results.textContent = "";
    results.dataset.state = "loading";
    if (!query.trim()) { results.dataset.state = "done"; return Promise.resolve(); }
    var ready = pagefind ? Promise.resolve(pagefind) :
      import("../pagefind/pagefind.js").then(function (pf) { pagefind = pf; return pf; });
    return ready.then(function (pf) { return pf.search(query); }).then(function (found) {
      if (me !== current) { return; }
      var sv = document.documentElement.lang === "sv";
      results.appendChild(el("p", (sv ? "Träffar: " : "Results: ") + found.results.length));
      var ol = el("ol");
      results.appendChild(ol);
      return Promise.all(found.results.slice(0, LIMIT).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (me !== current) { return; }
          pages.forEach(function (d) {
            var li = el("li");
            li.appendChild(el("a", (d.meta && d.meta.title) || d.url, { href: d.url }));
            li.appendChild(excerpt(d.excerpt || ""));
            ol.appendChild(li);
          });
        });
    }).then(function () {
      if (me === current) { results.dataset.state = "done"; }
    }, function (err) {
      if (me === current) { results.dataset.state = "failed"; results.textContent = String(err); }
    });
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  input.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* ignore */ }
  });
  window.TEIEDITION_SEARCH = { run: run };
}());
