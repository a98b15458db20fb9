// Package epaper is the theme compiled into the epaper binary: the Hugo layouts,
// archetypes and assets that render an imported e-paper. The code lives in the
// sub-packages: importer (original HTML → content bundles), site (bundles → static site,
// the only user of Hugo's Go API), sitelock (one writer per site) and cmd/epaper (the
// command). Theme returns the files; site.Build extracts them into a Hugo theme folder for
// each build.
//
// # What is in it
//
//   - layouts/: one template per page kind (home.html, section.html for papers, editions
//     and pages, page.html for articles), each delegating to _partials/kinds/KIND.html;
//     the parts shared by all kinds in _partials/epaper/ (header, footer, scan with its
//     image-map regions, article list, page list, 上一期/下一期, citation metadata, the
//     links of an offline build: href.html, href-from.html, href-near.html); the JSON API
//     (page.json.json, section.json.json, _partials/api/); the feeds (home.rss.xml,
//     section.rss.xml); the search page (home.search.html); 404.html.
//   - assets/: the stylesheet and the scripts (font size buttons, search, Pagefind
//     snippets), fingerprinted in a --base-url build and plain files offline.
//   - archetypes/: what epaper new writes for a hand-made article.
//
// # Changing it for one site
//
// A site overrides the theme file by file: SITE/layouts/_partials/epaper/footer.html takes
// the place of the built-in footer, and the other files stay as they are (the preview,
// epaper serve, rebuilds as such files change). The file names above are the interface;
// the data they read is the bundles' front matter, described in docs/bundles.md. A layout
// of one's own changes the output, so an incremental build rebuilds every shard after it
// (the layouts are part of each shard's digest).
//
// The embedding uses all: patterns, as Go leaves out files and folders whose names start
// with _ or . otherwise (_partials/, _markup/).
package epaper
