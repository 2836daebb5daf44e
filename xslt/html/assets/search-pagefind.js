/* Search with Pagefind (`teiedition html --search pagefind`): for an edition served over
   HTTP (Pagefind loads its index with fetch and WebAssembly, which file:// does not allow).
   Pagefind's index (pagefind/, written by the `pagefind` binary after the pages are built)
   stems words in the texts' languages; results list the page and Pagefind's excerpt of it,
   in the page's own form and markup as search.js lists its results. */
(function () {
  "use strict";
  var page = window.TEIEDITION_PAGE;  // search-page.js: the results list, the form
  if (!page) { return; }
  var results = page.results;
  var el = page.el;
  var LIMIT = 100;
  var pagefind = null;
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
  function search(query, isCurrent) {
    var ready = pagefind ? Promise.resolve(pagefind) :
      import("../pagefind/pagefind.js").then(function (pf) { pagefind = pf; return pf; });
    return ready.then(function (pf) { return pf.search(query); }).then(function (found) {
      if (!isCurrent()) { return; }
      results.appendChild(page.count(found.results.length, 0));
      var ol = el("ol");
      results.appendChild(ol);
      return Promise.all(found.results.slice(0, LIMIT).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (!isCurrent()) { return; }
          pages.forEach(function (d) {
            var li = el("li");
            li.appendChild(el("a", (d.meta && d.meta.title) || d.url, { href: d.url }));
            li.appendChild(excerpt(d.excerpt || ""));
            ol.appendChild(li);
          });
        });
    });
  }
  window.TEIEDITION_SEARCH = { run: page.form(search) };
}());
