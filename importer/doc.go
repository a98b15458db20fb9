// Package importer imports the editions of a Founder (方正) e-paper into a site's content
// tree: it finds the edition a URL belongs to (the paper's index leads to the newest one,
// through <meta> refreshes and location scripts), crawls its page list, every page and every
// article of each page, fetches their scans, PDFs and images, and writes one bundle per
// paper, edition, page and article. What fails is reported, page by page and article by
// article, and the rest is still imported; a page or article that cannot be had keeps the
// bundle an earlier import wrote.
//
//	src, err := importer.OpenSource("mirror/", importer.SourceOptions{}) // a URL, a mirror, a WARC
//	defer src.Close()
//	im, err := importer.New(importer.Options{SiteDir: "site", Fetch: fetch.DefaultFetchOptions()}, src.Transport)
//	rep, err := im.Import(ctx, src.URL)                  // one edition
//	results, err := im.ImportEditions(ctx, src.Editions) // every edition of a mirror, in date order
//	for _, it := range rep.Failures() { fmt.Println(it.URL, it.Error) }
//
// An import fetches only from the host of the URL it started from and the hosts of
// fetch.FetchOptions.AllowHosts (ErrOtherHost): a page, article, scan or PDF a page names
// elsewhere is reported and not fetched, an image elsewhere is recorded as an "external
// image" part. A file (scan, PDF, image) that cannot be fetched is reported as an Item of
// KindFile; the copy an earlier import fetched of it stays in the bundle, and a later import
// fetches what a bundle lacks even when the server answers 304 for its page. Of two entries
// of a page list with one page number, the first is imported and the second reported. Each
// edition's _index.md lists the bundles imported into it (a manifest verify checks).
//
// ImportEditions crawls a few editions side by side (Options.EditionJobs) and gives the same
// bundles, log and results as one at a time; so does ImportRange with the days of a range
// (a day that leads to an edition another day is crawling imports it again afterwards). Options.Paper and PaperName override the
// paper's code and name; in a mirror without a host, whose URLs are of
// archive.UnknownHost, the code comes from the path or Options.Paper, never from the host
// (ErrNoPaperCode). A re-import asks the server whether each page changed (the validators
// kept in the bundles) and keeps what did not; the same input always writes the same bytes.
//
// The importer is the orchestration only: fetching is package fetch's, reading HTML package
// extract's, the files written package bundle's, mirrors, their editions and archives
// package archive's. It never imports Hugo, and reads nothing from the environment: what it
// does is what Options say.
package importer
