// epaper: the search page (layouts/home.search.html). The query is the page's ?q=.
//
// Over HTTP it searches with Pagefind (pagefind/pagefind.js, written by `epaper build` when
// Pagefind is installed). Where Pagefind cannot run — a site opened from file://, where a
// browser fetches nothing, or a build without Pagefind — it searches epaper's built-in index
// instead: script files under search/index/ (written by site/searchindex.go), loaded with
// <script> tags, which file:// allows. A query matches the articles that contain each of
// its words (runs of letters and digits) as written, found through their characters and
// pairs of characters (bigrams), so 招商 finds every article with 招商 in it.
//
// Nothing here loads anything from another site.
(function () {
  "use strict";

  var PAGE = 20; // results shown at a time
  var VERIFY_MAX = 1000; // candidates of the built-in index checked against their text
  var SNIPPET_BEFORE = 30;
  var SNIPPET_LENGTH = 110;
  var snippets = self.epaperSnippets; // assets/js/snippets.js

  var view = document.getElementById("search");
  if (!view) {
    return;
  }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var rootURL = new URL(view.getAttribute("data-root") || "./", window.location.href);
  // The indexes to search, as folders from the site root: {builtin: ["search/index/"],
  // pagefind: ["pagefind/2021-04/", …]} — the built-in index of the site (of every year, in
  // a sharded site) and Pagefind's, one a month.
  var indexes = { builtin: [], pagefind: [] };
  try {
    var given = JSON.parse(view.getAttribute("data-indexes") || "{}") || {};
    indexes.builtin = given.builtin || [];
    indexes.pagefind = given.pagefind || [];
  } catch (e) {
    // no indexes: nothing is found
  }

  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) {
    status.textContent = "请输入要找的词。";
    input.focus();
    return;
  }
  document.title = query + " - " + document.title;
  status.textContent = "正在搜索“" + query + "”……";


  // ---- results ----------------------------------------------------------------------

  // A result: {url, title, paper, date, page, snippet: [[text, marked], …]}.
  // results.items are the first ones; results.more(n) resolves to n more, or fewer at the end.
  function show(results) {
    view.setAttribute("data-engine", results.engine);
    list.textContent = "";
    var shown = 0;
    var more = null;
    function add(items) {
      items.forEach(function (r) {
        list.appendChild(item(r));
      });
      shown += items.length;
      if (more) {
        more.remove();
        more = null;
      }
      if (shown < results.total) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = "显示更多";
        more.addEventListener("click", function () {
          more.disabled = true;
          results.more(PAGE).then(add);
        });
        list.parentNode.insertBefore(more, list.nextSibling);
      }
    }
    status.textContent = results.total === 0 ?
      "没有找到包含“" + query + "”的文章。" :
      "找到 " + results.total + (results.approximate ? "+" : "") + " 篇包含“" + query + "”的文章。";
    add(results.items);
  }

  function item(r) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-title";
    var a = document.createElement("a");
    a.href = r.url;
    a.textContent = r.title || r.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [r.paper, formatDate(r.date), r.page].filter(Boolean).join(" · ");
    if (meta) {
      var m = document.createElement("p");
      m.className = "search-meta";
      m.textContent = meta;
      li.appendChild(m);
    }
    if (r.snippet && r.snippet.length) {
      var p = document.createElement("p");
      p.className = "search-snippet";
      r.snippet.forEach(function (part) {
        if (part[1]) {
          var mark = document.createElement("mark");
          mark.textContent = part[0];
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(part[0]));
        }
      });
      li.appendChild(p);
    }
    return li;
  }

  function formatDate(d) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || "");
    return m ? m[1] + "年" + m[2] + "月" + m[3] + "日" : (d || "");
  }

  // ---- Pagefind ---------------------------------------------------------------------

  function pagefind(q) {
    // Every index's URLs are paths from the site root (a shard's pages keep the URLs of
    // the whole site). The first month whose index loads is the main one; the others are
    // merged into it, and a month without an index (no articles) is skipped.
    var base = rootURL.pathname;
    var dirs = indexes.pagefind.slice();
    function load(i) {
      if (i >= dirs.length) {
        return Promise.reject(new Error("no Pagefind index"));
      }
      return import(new URL(dirs[i] + "pagefind.js", rootURL).href).then(function (pf) {
        return { pf: pf, rest: dirs.slice(i + 1) };
      }, function () {
        return load(i + 1);
      });
    }
    return load(0).then(function (main) {
      var pf = main.pf;
      return Promise.resolve(pf.options({ baseUrl: base, excerptLength: 40 })).then(function () {
        return Promise.all(main.rest.map(function (dir) {
          return Promise.resolve(pf.mergeIndex(new URL(dir, rootURL).href, { baseUrl: base })).catch(function () {});
        }));
      }).then(function () {
        return pf.search(q);
      });
    }).then(function (res) {
      var hits = (res && res.results) || [];
      var next = 0;
      function more(n) {
        var batch = hits.slice(next, next + n);
        next += batch.length;
        return Promise.all(batch.map(function (h) {
          return h.data().then(function (d) {
            var meta = d.meta || {};
            return {
              url: d.url, title: meta.title, paper: meta.paper, date: meta.date, page: meta.page,
              snippet: snippets.pagefind(markedParts(snippets.joinBlocks(d.excerpt || "")), meta.title || "")
            };
          });
        }));
      }
      return more(PAGE).then(function (items) {
        return { engine: "pagefind", total: hits.length, items: items, more: more };
      });
    });
  }

  // markedParts turns Pagefind's excerpt (escaped text with <mark> around the matches)
  // into text parts, so that nothing in it is taken as markup.
  function markedParts(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var parts = [];
    doc.body.firstChild.childNodes.forEach(function (n) {
      parts.push([n.textContent, n.nodeName === "MARK"]);
    });
    return parts;
  }

  // ---- the built-in index -----------------------------------------------------------

  // Scripts are loaded one at a time: each sets self.epaperSearch[name], taken as it ends.
  var queue = Promise.resolve();
  function loadScript(url, name) {
    var p = queue.then(function () {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () {
          var reg = window.epaperSearch || {};
          var v = reg[name];
          delete reg[name];
          s.remove();
          if (v === undefined) {
            reject(new Error(url + " did not define " + name));
          } else {
            resolve(v);
          }
        };
        s.onerror = function () {
          s.remove();
          reject(new Error("cannot load " + url));
        };
        document.head.appendChild(s);
      });
    });
    queue = p.catch(function () {});
    return p;
  }

  // fold: as site/searchindex.go — lower case, full-width ASCII as ASCII, separators as
  // spaces of the same length (so positions in folded text are positions in the text).
  var letter = /[\p{L}\p{N}\p{M}]/u;
  function foldChar(ch) {
    var c = ch.codePointAt(0);
    if (c >= 0xFF01 && c <= 0xFF5E) {
      ch = String.fromCodePoint(c - 0xFEE0);
    }
    if (c === 0x3000 || !letter.test(ch)) {
      return ch.length === 2 ? "  " : " ";
    }
    var lower = ch.toLowerCase();
    return lower.length === ch.length ? lower : ch;
  }
  function fold(s) {
    var out = "";
    for (var ch of s) {
      out += foldChar(ch);
    }
    return out;
  }
  // words: the runs of letters and digits of a folded string.
  function words(folded) {
    return folded.split(/\s+/).filter(Boolean);
  }
  // terms: a one-character word is its own term; longer words give their bigrams.
  function termsOf(word) {
    var cs = Array.from(word);
    if (cs.length === 1) {
      return cs;
    }
    var out = [];
    for (var i = 1; i < cs.length; i++) {
      out.push(cs[i - 1] + cs[i]);
    }
    return out;
  }
  function bucketOf(term, n) {
    var h = 2166136261;
    for (var ch of term) {
      h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 16777619) >>> 0;
    }
    return h % n;
  }
  function decodeIDs(s) {
    var out = [];
    var prev = 0;
    s.split(",").forEach(function (g) {
      prev += parseInt(g, 36);
      out.push(prev);
    });
    return out;
  }
  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) {
        out.push(a[i]);
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  // candidates of one index: the docs with every term of every word, ranked by where the
  // words are (title, then 引题/副题/author, then the body only), newest first.
  function candidates(ix, ws) {
    var base = new URL(ix, rootURL);
    return loadScript(new URL("docs.js", base).href, "docs").then(function (head) {
      var terms = [];
      ws.forEach(function (w) {
        termsOf(w).forEach(function (t) {
          if (terms.indexOf(t) < 0) {
            terms.push(t);
          }
        });
      });
      var byBucket = {};
      terms.forEach(function (t) {
        var b = bucketOf(t, head.buckets);
        (byBucket[b] = byBucket[b] || []).push(t);
      });
      var lists = [];
      var loads = Object.keys(byBucket).map(function (b) {
        return loadScript(new URL("b-" + b + ".js", base).href, "b-" + b).then(function (m) {
          byBucket[b].forEach(function (t) {
            lists.push(m[t] ? decodeIDs(m[t]) : []);
          });
        });
      });
      return Promise.all(loads).then(function () {
        lists.sort(function (a, b) { return a.length - b.length; });
        var ids = lists.length ? lists.reduce(intersect) : [];
        return ids.map(function (id) {
          var d = head.docs[id];
          var rank = 2;
          var has = function (f) {
            var t = fold(f || "");
            return ws.every(function (w) { return t.indexOf(w) >= 0; });
          };
          if (has(d[1])) {
            rank = 0;
          } else if (has(d[2] + " " + d[3] + " " + d[4])) {
            rank = 1;
          }
          return { ix: ix, base: base, head: head, id: id, doc: d, rank: rank };
        });
      });
    });
  }

  function builtin(q) {
    var ws = words(fold(q));
    if (!ws.length) {
      return Promise.resolve({ engine: "builtin", total: 0, items: [], more: function () { return Promise.resolve([]); } });
    }
    return Promise.all(indexes.builtin.map(function (ix) { return candidates(ix, ws); })).then(function (all) {
      var cs = [].concat.apply([], all);
      cs.sort(function (a, b) {
        return a.rank - b.rank || (a.doc[5] < b.doc[5] ? 1 : a.doc[5] > b.doc[5] ? -1 : 0) ||
          (a.ix < b.ix ? -1 : a.ix > b.ix ? 1 : a.id - b.id);
      });
      var approximate = cs.length > VERIFY_MAX;
      cs = cs.slice(0, VERIFY_MAX);
      // check each candidate against its text: bigrams found apart are not the word
      var texts = {};
      return Promise.all(cs.map(function (c) {
        var chunk = Math.floor(c.id / c.head.chunk);
        var key = c.ix + "\u0000" + chunk;
        if (!texts[key]) {
          texts[key] = loadScript(new URL("t-" + chunk + ".js", c.base).href, "t-" + chunk);
        }
        return texts[key].then(function (t) {
          c.text = t[c.id - chunk * c.head.chunk] || "";
        });
      })).then(function () {
        var hits = cs.filter(function (c) {
          var all = fold([c.doc[1], c.doc[2], c.doc[3], c.doc[4], c.text].join(" "));
          return ws.every(function (w) { return all.indexOf(w) >= 0; });
        }).map(function (c) {
          var d = c.doc;
          return {
            url: new URL(d[0], rootURL).href, title: d[1], paper: d[6], date: d[5], page: d[7],
            snippet: builtinSnippet(c.text, ws)
          };
        });
        var next = 0;
        var more = function (n) {
          var batch = hits.slice(next, next + n);
          next += batch.length;
          return Promise.resolve(batch);
        };
        return more(PAGE).then(function (items) {
          return { engine: "builtin", total: hits.length, approximate: approximate, items: items, more: more };
        });
      });
    });
  }

  // ---- go --------------------------------------------------------------------------

  // Pagefind where it can run; the built-in index from file:// and wherever Pagefind fails.
  function search(q) {
    if (window.location.protocol === "file:") {
      return builtin(q);
    }
    return pagefind(q).catch(function (err) {
      view.setAttribute("data-pagefind-error", String(err && err.message || err));
      return builtin(q);
    });
  }
  Promise.resolve(query).then(search).then(show, function (err) {
    status.textContent = "搜索出错：" + (err && err.message || err);
    view.setAttribute("data-engine", "error");
  });

  // builtinSnippet: snippet, started at a boundary when it does not start the text.
  function builtinSnippet(text, ws) {
    var parts = snippet(text, ws);
    return parts.length && parts[0][0] === "…" ? snippets.fromBoundary(parts) : parts;
  }

  // snippet: the text around the first word found, with every word in it marked.
  function snippet(text, ws) {
    if (!text) {
      return [];
    }
    var folded = fold(text);
    var at = -1;
    ws.forEach(function (w) {
      var i = folded.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
      }
    });
    var start = Math.max(0, at - SNIPPET_BEFORE);
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    var marks = [];
    ws.forEach(function (w) {
      for (var i = folded.indexOf(w, start); i >= 0 && i < end; i = folded.indexOf(w, i + w.length)) {
        marks.push([i, Math.min(end, i + w.length)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var parts = [];
    var pos = start;
    marks.forEach(function (m) {
      if (m[0] < pos) {
        return; // overlaps the previous mark
      }
      if (m[0] > pos) {
        parts.push([text.slice(pos, m[0]), false]);
      }
      parts.push([text.slice(m[0], m[1]), true]);
      pos = m[1];
    });
    if (pos < end) {
      parts.push([text.slice(pos, end), false]);
    }
    if (start > 0) {
      parts.unshift(["…", false]);
    }
    if (end < text.length) {
      parts.push(["…", false]);
    }
    return parts;
  }
})();
