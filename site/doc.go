// Package site builds the content bundles epaper imports into a static site, with Hugo used
// as a Go library in this process: no hugo command is needed, and no other package of
// epaper imports Hugo.
//
// A site is a folder whose content/ holds the bundles: papers, their editions by date, the
// editions' pages and the pages' articles. Its owner may add layouts/, assets/,
// archetypes/, static/ and a hugo.toml (or config/) of their own, which take precedence
// over the embedded theme (Options.Theme), file by file.
//
// Build renders the site, by default for offline reading: every link is relative and names
// a file, so the output works from file:// with no server. With Options.BaseURL it is
// built for a web server or CDN at that URL instead: canonical links, fingerprinted assets,
// sitemap, feeds, _redirects from the original site's URLs and a 404 page. Either way every
// article is indexed for the search page twice: by epaper's own index, script files a
// browser loads even from file://, and, given Options.Pagefind, by Pagefind, a month at a
// time. The same content builds to the same bytes.
//
//	err := site.Build(site.Options{SiteDir: "mypaper", Theme: epaper.Theme()})
//	// mypaper/public/cqrb/2021-04-14/005/index.html is 第005版 of that day
//
// An archive of many years does not fit one Hugo build in memory. BuildSharded builds it as
// one site per month (ShardOptions.By: ByMonth, or ByYear) and a small root site (home page,
// calendars, search across the shards), merged into the output; with ShardOptions.Run the
// shards are built Jobs at a time, each by Run (epaper build --only SHARD in a process of its
// own: Hugo builds one site at a time in a process). With ShardOptions.Only it builds one
// shard, so that the shards can run on many machines, and Merge puts their folders
// together. The merged site has the same URLs, pages and links as the one Build makes.
//
//	err := site.BuildSharded(o, site.ShardOptions{Only: "2021-04"}) // into mypaper/shards/2021-04
//
// A build of all shards writes a manifest into the output (OUT/.epaper/manifest.json,
// manifest.go): the digest of each shard's inputs and the files it published. The next
// BuildSharded rebuilds only the shards whose inputs changed, writes only the files whose
// bytes changed, removes the files no shard publishes any more, and writes nothing when
// nothing changed (ShardOptions.Full: build every shard anew). A shard whose only change is
// editions added is built in part, the new editions and their neighbours only, and completed
// from the output (partial.go): a day added costs a day, not its month. Options.Changed hears
// which files a build wrote and removed, for uploading only those.
//
// Serve is the preview: the offline build, served on 127.0.0.1 only, rebuilt a moment after
// a file of the site changes (folders made later, as an import makes them, included), with
// the open pages reloading themselves and a failed build shown in a banner on every page
// over the last good one.
//
// CheckLinks checks that every link and image of a built site leads to a file, NewContent
// makes a hand-made bundle from the archetypes, and WriteCLISite prepares the same build for
// the hugo command, to compare the two.
//
// What it never does:
//
//   - leave half an output: Build, BuildSharded and Merge write into a fresh folder beside
//     the output and swap it in whole once it is complete. A failed build leaves the old
//     output as it was, and no file of an earlier build lingers;
//   - replace a folder it did not build: the output may not be the site, hold it, or be or
//     lie inside one of its inputs (content/, layouts/, …, the shard folders of a merge),
//     and an existing non-empty output must hold OutMarker, which every output gets (the
//     site's own public/ or shards/NAME of an older epaper, without one, is taken when it
//     holds the folder of one of the site's papers). Else the error wraps ErrUnsafeOut;
//   - leave what a killed build left: temporary folders carry their process's pid
//     (.OUT.new-pPID-N and .OUT.parts-pPID-N beside the output, epaper-build-pPID-N in TMPDIR) and the next
//     build removes those whose process has ended, putting back an output a killed swap
//     had moved aside;
//   - let a page's aliases take another file: in a CDN build the redirect pages of the
//     original site's URLs and _redirects are written last, only for clean paths under the
//     paper's original folder and where nothing else publishes a file (aliases.go); each
//     alias refused is named on Options.Log;
//   - let the environment change a build: Hugo sees no HUGO_* variable, Pagefind no
//     PAGEFIND_* one, and the package reads no environment variable of its own;
//   - read the source's HTML or fetch anything: it reads the bundles, and publishes the
//     scans, PDFs and images a page links to, never the raw HTML kept for archivists;
//   - change what the site's owner made: a build writes its output (public/, or shards/NAME
//     for a shard built alone, unless told elsewhere) and Hugo's .hugo_build.lock and
//     resources/ cache, NewContent the one bundle asked for; Serve leaves public/ alone;
//   - run two Hugo builds at once: Hugo keeps a page cache for the whole process, so the
//     builds of one process take turns.
package site
