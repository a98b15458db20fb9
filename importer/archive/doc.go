// Package archive replays a crawl from files, and records one. An ArchiveTransport answers
// HTTP requests from a web archive — a WARC file (.warc, .warc.gz) or a WACZ — as the site
// answered them when it was captured; a Mirror answers them from a local mirror that wget
// --mirror, wget -r or HTTrack wrote; a Recorder passes requests on to another transport and
// writes every exchange into a WARC file. All three are http.RoundTrippers, so a live site, a
// mirror and an archive go through the same fetcher and importer.
//
//	a, err := archive.OpenArchive("edition.warc.gz")
//	if err != nil { … } // names the file and the offset of a damaged record
//	defer a.Close()
//	start := a.StartURL() // its first edition page
//	f, err := fetch.NewFetcher(fetch.DefaultFetchOptions(), a)
//
//	m, err := archive.OpenMirror("/data/wget-run", archive.MirrorOptions{})
//	defer m.Close()
//	eds, err := m.Editions() // every edition in it, in date order: paper, date, first page
//
//	rec, err := archive.CreateWARC("crawl.warc.gz", nil) // record a live crawl
//	defer rec.Close()                                    // the file appears whole, or not at all
//
// A mirror is opened from any part of it: the folder the tool ran in, a host folder
// (epaper.cqrb.cn, as wget and HTTrack name them; never mktemp's tmp.XXXX), any folder inside
// one, or a file. Its editions are found by the shapes of their paths (ClassifyPathWith: the
// URL patterns of a user's profiles, the URL layouts of Founder e-papers, then the patterns of
// the built-in profiles, with the paper's code and the date the path holds), one per paper and
// day whatever host folder or URL scheme holds it; MirrorOptions.Profiles are the profiles. A mirror without a host
// folder stands for the host it is told, the one HTTrack's comments name, or UnknownHost.
//
// WARC records are read and written by gowarc (github.com/nlnwa/gowarc/v3), which checks
// their digests and mandatory fields. What the package adds is what a replay needs: which
// of several captures answers a URL (a 2xx before a 3xx before others, a whole body before
// a truncated one, then the newest), what a revisit record refers to, the gzip members a
// record is in, the WARC files inside a WACZ, bodies decoded as a Go client sees them, and
// X-Epaper-* headers that say where a response came from. A URL a mirror or an archive does
// not hold is a *MissingError ("not in the mirror: PATH", "not in the archive: URL"), never
// an HTTP status no server sent.
//
// Package archive never reaches the network on its own (a Recorder sends what it is given to
// the transport it wraps), never reads a file outside a mirror's host folders (each is an
// os.Root: no "..", no symbolic link out of it), and never parses the pages it holds: it
// knows them by their paths.
package archive
