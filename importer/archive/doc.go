// Package archive replays a crawl from files, and records one. An ArchiveTransport answers
// HTTP requests from a web archive — a WARC file (.warc, .warc.gz) or a WACZ — as the site
// answered them when it was captured; a Mirror answers them from a folder that wget --mirror
// or HTTrack wrote; a Recorder passes requests on to another transport and writes every
// exchange into a WARC file. All three are http.RoundTrippers, so a live site, a mirror and
// an archive go through the same fetcher and importer.
//
//	a, err := archive.OpenArchive("edition.warc.gz")
//	if err != nil { … } // names the file and the offset of a damaged record
//	defer a.Close()
//	start := a.StartURL() // its first edition page
//	f, err := fetch.NewFetcher(fetch.DefaultFetchOptions(), a)
//
//	rec, err := archive.CreateWARC("crawl.warc.gz", nil) // record a live crawl
//	defer rec.Close()                                    // the file appears whole, or not at all
//
// WARC records are read and written by gowarc (github.com/nlnwa/gowarc/v3), which checks
// their digests and mandatory fields. What the package adds is what a replay needs: which
// of several captures answers a URL (a 2xx before a 3xx before others, a whole body before
// a truncated one, then the newest), what a revisit record refers to, the gzip members a
// record is in, the WARC files inside a WACZ, bodies decoded as a Go client sees them, and
// X-Epaper-* headers that say where a response came from.
//
// Package archive never reaches the network on its own (a Recorder sends what it is given to
// the transport it wraps) and never parses the pages it holds.
package archive
