/* Search over the passages of the edition (every paragraph, verse line and heading), from
   file:// as from a server: search-index.js (window.TEIEDITION_INDEX) holds the texts, the
   register's names and where the index's pieces are; the pieces are scripts loaded when a
   query needs them (teiedition.publish.search writes them):
   - search/<key>.js: the words that begin with <key> (their first two characters, or more
     where those of two are many; a shard may hold several keys, "k1 k2", and is named by the
     first), in one block per text ([the text's first passage, {word:
     its passages in the text, as differences}]); a query word needs the shards whose key
     begins with it or with which it begins (keysOf);
   - search/c<N>.js: the passages' text (text number, anchor, text), loaded for the results
     shown, which are listed as soon as the first of them can be shown, PAGE at a time (a
     button lists the next ones).
   A shard larger than the publisher's HEAD_BYTES is a head (its first texts, and the first
   passage it does not cover) and a rest (search/<key>.r.js, loaded after the first results).
   Every word of the query must occur in a passage; a query word also matches longer words
   that start with it (Stalin -> Stalins), in any case; a result shows its passage around the
   first match. Loaded pieces are kept while they are among the last used (KEEP_SHARDS,
   KEEP_CHUNKS), so a later query loads only what is new and the tab's memory does not grow
   with the number of queries. */
(function () {
  "use strict";
  var index = window.TEIEDITION_INDEX;
  var page = window.TEIEDITION_PAGE;  // search-page.js: the results list, the form
  if (!index || !page) { return; }
  var results = page.results;
  var el = page.el;
  // results listed at a time (a button lists the next ones): each result may need a chunk
  // of its own, and what the tab holds grows with the scripts it has loaded
  var PAGE = 100;
  var FIRST = 10;     // results shown before the rest are loaded (a screenful)
  var CONTEXT = 45;   // characters shown before a match
  var SEP = index.separators;
  var hasRest = new Set(index.rests || []);

  var KEEP_SHARDS = 24;   // shards kept after a query (the last used ones)
  var KEEP_CHUNKS = 64;   // passage chunks kept after a query (~3 MB of text)
  var shards = {};   // key -> [[first passage, {word: differences}], ...] (a head)
  var ends = {};     // key -> the first passage its head does not cover (a shard with a rest)
  var rests = {};    // key -> the blocks of its rest, as shards
  var chunks = {};   // chunk number -> [[text number, anchor, text], ...]
  var loading = {};  // src -> Promise
  var used = new Map();  // src -> [kind, key], the least recently used first
  window.TEIEDITION_SEARCH = {
    shard: function (key, words, end) { shards[key] = words; ends[key] = end; },
    rest: function (key, words) { rests[key] = words; },
    chunk: function (n, passages) { chunks[n] = passages; }
  };
  function load(src, kind, key) {
    used.delete(src);
    used.set(src, [kind, key]);
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        // the script has run (its data is kept above): its element and source can go
        s.onload = function () { s.remove(); resolve(); };
        s.onerror = function () { s.remove(); reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }
  // forget the pieces beyond the last used KEEP_SHARDS shards and KEEP_CHUNKS chunks (run
  // when a query is done: a query keeps all it needs while it runs)
  function forget() {
    var over = { shard: -KEEP_SHARDS, chunk: -KEEP_CHUNKS };
    used.forEach(function (v) { over[v[0]]++; });
    used.forEach(function (v, src) {  // the least recently used first
      if (over[v[0]] <= 0) { return; }
      over[v[0]]--;
      used.delete(src);
      delete loading[src];
      if (v[0] === "chunk") { delete chunks[v[1]]; } else if (v[1].charAt(0) === "+") {
        delete rests[v[1].slice(1)];  // a rest ("+" is a separator: no key begins with it)
      } else { delete shards[v[1]]; delete ends[v[1]]; }
    });
  }
  function shardFile(shard, rest) {  // named by its first key
    return "search/" + Array.from(shard.split(" ")[0]).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-") + (rest ? ".r.js" : ".js");
  }

  function separator(ch) { return SEP.indexOf(ch) !== -1; }
  function tokens(s) {
    var out = "";
    for (var ch of s.toLowerCase()) { out += separator(ch) ? " " : ch; }
    return out.split(" ").filter(function (t) { return t.length > 0; });
  }
  // the shards a query word needs: those with a key that begins with it or with which it
  // begins (a key is a beginning of every word in its shard: two characters, or more where
  // the words of two are many; teiedition.publish.search.shards_for)
  function keysOf(token) {
    return index.shards.filter(function (shard) {  // a shard of several keys: "k1 k2 ..."
      return shard.split(" ").some(function (k) {
        if (k.charAt(k.length - 1) === "$") {  // one word alone ("o$": "och" needs it not)
          return k.length - 1 >= token.length && k.lastIndexOf(token, 0) === 0;
        }
        return k.lastIndexOf(token, 0) === 0 || token.lastIndexOf(k, 0) === 0;
      });
    });
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

  // the passages in which every token begins a word, ascending
  function matches(ts) {
    var count = new Uint16Array(index.passages);
    for (var k = 0; k < ts.length; k++) {
      var t = ts[k];
      keysOf(t).forEach(function (key) {
        shards[key].concat(rests[key] || []).forEach(function (block) {
          // [the text's first passage, {word: ...}]
          var words = block[1];
          for (var w in words) {
            if (w.lastIndexOf(t, 0) !== 0) { continue; }
            var p = block[0], d = words[w];
            for (var i = 0; i < d.length; i++) {
              p += d[i];
              if (count[p] === k) { count[p] = k + 1; }
            }
          }
        });
      });
    }
    var hits = [];
    for (var n = 0; n < count.length; n++) { if (count[n] === ts.length) { hits.push(n); } }
    return hits;
  }
  // the chunk that holds passage n
  function chunkOf(n) {
    var lo = 0, hi = index.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (index.chunks[mid] <= n) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }
  function passage(n) {
    var c = chunkOf(n);
    return chunks[c][n - index.chunks[c]];
  }
  // the chunk of each passage of ns, all requested at once (a chunk once)
  function loadPassages(ns) {
    var byChunk = {};
    return ns.map(function (n) {
      var c = chunkOf(n);
      if (!byChunk[c]) { byChunk[c] = load("search/c" + c + ".js", "chunk", c); }
      return byChunk[c];
    });
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
  function item(n, first) {
    var unit = passage(n);
    var text = index.texts[unit[0]];
    var low = unit[2].toLowerCase();
    var at = wordStart(low, first);
    var li = el("li");
    var where = /^p\d+$/.test(unit[1]) ? "¶ " + unit[1].slice(1) : unit[1];
    li.appendChild(el("a", text[1] + ", " + where, { href: text[0] + "#" + unit[1] }));
    li.appendChild(snippet(unit[2], low, at, at === -1 ? 0 : wordLength(low, at)));
    return li;
  }

  // A query loads the heads of its shards and their rests. Below the first passage that one
  // of the heads does not cover, the heads give every result; when they hold a screenful
  // (FIRST) there and a rest is not there yet, those are listed first, then the count and
  // the results after them.
  function search(query, isCurrent) {
    var ts = tokens(query);
    if (ts.length === 0) { return Promise.resolve(); }
    var keys = [];
    ts.forEach(function (t) { keys = keys.concat(keysOf(t)); });
    var names;
    // the rests are requested with the heads (the index names them): a query whose heads
    // hold too few first results waits for the slower of the two, not for one after the other
    var restLoads = keys.filter(function (k) { return hasRest.has(k); }).map(function (k) {
      return load(shardFile(k, true), "shard", "+" + k);
    });
    return Promise.all(keys.map(function (k) {
      return load(shardFile(k), "shard", k);
    })).then(function () {
      if (!isCurrent()) { return; }
      names = index.names.filter(function (n) {
        var all = [n[0]].concat(n[3]).join(" ").toLowerCase();
        return ts.every(function (t) { return all.indexOf(t) !== -1; });
      });
      var covered = Infinity;
      var more = keys.filter(function (k) { return ends[k] !== undefined && !rests[k]; });
      if (more.length === 0) { return show(isCurrent, ts, names, matches(ts)); }
      more.forEach(function (k) { covered = Math.min(covered, ends[k]); });
      var early = matches(ts).filter(function (n) { return n < covered; });
      var ol = null, listed = null;
      if (early.length >= FIRST) {
        ol = begin(names);
        listed = batch(isCurrent, ts, ol, early, 0, FIRST, FIRST);
      }
      return Promise.all([listed].concat(restLoads)).then(function () {
        if (isCurrent()) { return show(isCurrent, ts, names, matches(ts), ol); }
      });
    }).then(function () {
      if (isCurrent()) { forget(); }
    });
  }
  // the names found and the (empty) list of results, in `results`
  function begin(names) {
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
    results.appendChild(ol);
    return ol;
  }
  // hits[from, end) listed in ol, the first `size` in order, each as soon as its passage and
  // those before it are here (their chunks are all requested at once: the first result
  // waits for one chunk, not for the ten a screenful may need), then the rest
  function batch(isCurrent, ts, ol, hits, from, size, end) {
    var part = hits.slice(from, Math.min(from + size, end));
    if (part.length === 0 || !isCurrent()) { return Promise.resolve(); }
    var loads = loadPassages(part);
    var shown = Promise.resolve();
    part.forEach(function (n, i) {
      shown = shown.then(function () { return loads[i]; }).then(function () {
        if (!isCurrent()) { return; }
        ol.appendChild(item(n, ts[0]));
        if (from === 0 && i === 0 && window.performance && performance.mark) {
          performance.mark("teiedition-first-results");  // for benchmarks/search.py
        }
      });
    });
    return shown.then(function () {
      if (isCurrent()) { return batch(isCurrent, ts, ol, hits, from + part.length, end, end); }
    });
  }
  // the count, and the results up to the end of the page (PAGE a page; ol: the list begun
  // with the first results already), then a button for the next page
  function show(isCurrent, ts, names, hits, ol) {
    var sv = page.sv;
    ol = ol || begin(names);
    results.insertBefore(page.count(hits.length, names.length), results.firstChild);
    var more = el("button", "", { type: "button", "class": "more" });
    function next() {
      var from = ol.children.length;
      var end = Math.min(hits.length, from - from % PAGE + PAGE);
      return batch(isCurrent, ts, ol, hits, from, FIRST, end).then(function () {
        var left = hits.length - ol.children.length;
        if (!isCurrent() || left <= 0) { more.remove(); return; }
        more.textContent = (sv ? "Visa fler (" : "Show more (") + left + (sv ? " till)" : " more)");
        results.appendChild(more);
      });
    }
    more.addEventListener("click", function () {
      if (!isCurrent()) { return; }
      more.remove();
      page.settle(isCurrent, next().then(function () {
        if (isCurrent()) { forget(); }
      }));
    });
    return next();
  }

  window.TEIEDITION_SEARCH.run = page.form(search);
  // for tests: how many pieces may be kept; how many are held
  window.TEIEDITION_SEARCH.keep = function (s, c) { KEEP_SHARDS = s; KEEP_CHUNKS = c; };
  window.TEIEDITION_SEARCH.held = function () {
    return [Object.keys(shards).length, Object.keys(chunks).length];
  };
}());
