/* The search page's own part, shared by search.js (the edition's index in shards, file://)
   and search-pagefind.js (Pagefind's index, over HTTP): the results list and its state
   (data-state "loading", "done" or "failed", which tests and benchmarks wait for), the count
   line in the page's language, and the form: a query runs from ?q= when the page opens and
   on every submit; a newer query makes an older one stop where it is. */
(function () {
  "use strict";
  var results = document.getElementById("results");
  var input = document.getElementById("q");
  if (!results || !input) { return; }
  var sv = document.documentElement.lang === "sv";
  var current = 0;  // the latest query

  function el(name, text, attrs) {
    var e = document.createElement(name);
    if (text) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // the results' state while `work` (a Promise) runs, unless a newer query began meanwhile
  function settle(isCurrent, work) {
    results.dataset.state = "loading";
    return work.then(function () {
      if (isCurrent()) { results.dataset.state = "done"; }
    }, function (err) {
      if (isCurrent()) { results.dataset.state = "failed"; results.textContent = String(err); }
    });
  }
  function count(hits, names) {
    return el("p", (sv ? "Träffar: " : "Results: ") + hits +
      (names ? (sv ? ", namn: " : ", names: ") + names : ""));
  }
  // search(query, isCurrent) lists a query's results in `results` and returns a Promise;
  // the returned run(query) starts a query as the form does
  function form(search) {
    function run(query) {
      var me = ++current;
      var isCurrent = function () { return me === current; };
      results.textContent = "";
      return settle(isCurrent, query.trim() ? Promise.resolve().then(function () {
        return search(query, isCurrent);
      }) : Promise.resolve());
    }
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    run(input.value);
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      run(input.value);
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
    });
    return run;
  }
  window.TEIEDITION_PAGE = { results: results, sv: sv, el: el, count: count, settle: settle,
                             form: form };
}());
