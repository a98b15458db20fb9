// epaper: search snippets that read as Chinese, for assets/js/search.js (loaded before it
// on the search page). A snippet is a list of text parts, [text, marked].
(function () {
  "use strict";

  // joinBlocks mends Pagefind's excerpt of Chinese text: Pagefind puts a zero-width space
  // between the words it segmented, and ". " after every block (title, 副题, paragraph) that
  // ends without punctuation. Between Chinese blocks that is an ideographic space, or
  // nothing before a 副题 that starts with its own dash (贯彻落实…起好步——访…).
  function joinBlocks(html) {
    return html.replace(/\u200b/g, "")
      .replace(/([^\x00-\x7f])\. (?=(?:<mark>)?[—–-])/g, "$1")
      .replace(/([^\x00-\x7f])\. (?=\S)/g, "$1\u3000")
      .replace(/([^\x00-\x7f])\.\s*$/, "$1");
  }

  // pagefindSnippet takes Pagefind's excerpt as text parts (mended by joinBlocks) and, unless
  // it is the start of the article (its title), starts it at a boundary.
  function pagefindSnippet(parts, title) {
    var text = parts.map(function (p) { return p[0]; }).join("");
    if (title && text.indexOf(title.slice(0, 8)) === 0) {
      return parts;
    }
    return fromBoundary(parts);
  }

  // fromBoundary makes a snippet (text parts, the matches marked) that does not begin at the
  // start of its text begin at a boundary: after the first sentence or clause end, space,
  // closing quote or dash before its first match (or, without a match, in its first half),
  // or at an opening quote or bracket; not inside a word. It begins with "…".
  var BOUNDARY = /[\u3002\uff01\uff1f\uff1b\uff0c\u3001\uff1a\u3000\u201d\u2019\u300d\u300f\uff09\u300b\u2014,.!?;:)\]\s]/;
  var OPENING = /[\u201c\u2018\u300c\u300e\uff08\u300a(\[]/;
  function fromBoundary(parts) {
    if (parts.length && parts[0][0] === "…" && !parts[0][1]) {
      parts = parts.slice(1);
    }
    var first = parts.length;
    for (var k = 0; k < parts.length; k++) {
      if (parts[k][1]) {
        first = k;
        break;
      }
    }
    var lead = parts.slice(0, first).map(function (p) { return p[0]; }).join("");
    var cut = 0;
    if (lead && !OPENING.test(lead.charAt(0))) {
      var limit = first < parts.length ? lead.length : Math.floor(lead.length / 2);
      for (var i = 0; i < limit; i++) {
        if (BOUNDARY.test(lead.charAt(i))) {
          for (cut = i + 1; cut < lead.length && BOUNDARY.test(lead.charAt(cut)); cut++) {
            // a run of them: "——", "。 "
          }
          break;
        }
      }
    }
    var rest = lead.slice(cut);
    return [["…", false]].concat(rest ? [[rest, false]] : [], parts.slice(first));
  }

  self.epaperSnippets = { joinBlocks: joinBlocks, pagefind: pagefindSnippet, fromBoundary: fromBoundary };
})();
