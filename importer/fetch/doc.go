// Package fetch makes the HTTP requests of an import, politely: a Fetcher rate limits each
// host, bounds the requests in flight, reads and honours robots.txt (and its Crawl-delay),
// retries what may pass (5xx, 429, 408, a reset connection, a timeout, a body cut short)
// with exponential backoff or as Retry-After says, follows redirects only to the same host
// (or to hosts allowed by name), refuses bodies larger than a limit, holds at most
// MaxMemory of the bodies it is reading in memory (all requests together; the rest in
// temporary files), and sends conditional requests with the validators an earlier response
// gave.
//
// robots.txt is read as RFC 9309 says: a 4xx means there is none (all allowed); a 5xx, a
// 429 or no connection, after retries, means the host is not to be crawled at all
// (ErrRobotsUnreachable). With PublicOnly, the Fetcher's own transport (NewTransport)
// connects only to public addresses, checked when the connection is made, so that no name
// and no DNS answer can lead a request to loopback, private or link-local addresses; the
// hosts of PrivateHosts (the source's own) and the environment's proxy may be there.
//
// Options are taken literally: start from DefaultFetchOptions and change what differs.
//
//	opt := fetch.DefaultFetchOptions()
//	opt.UserAgent = fetch.UserAgent("v1.2.0")
//	opt.Retries = 0 // no retry
//	f, err := fetch.NewFetcher(opt, nil)
//	if err != nil { … } // an *OptionError naming the option
//	page, err := f.Get(ctx, "http://epaper.cqrb.cn/html/cqrb/index.htm", fetch.Validators{})
//	again, err := f.Get(ctx, page.URL, fetch.Validators{ETag: page.ETag}) // 304: again.Body is nil
//
// A Fetcher sends its requests through any http.RoundTripper. One that says it is local
// (a method Local() returning true: a mirror on disk, a WARC being replayed) is neither rate
// limited nor asked for robots.txt.
//
// Package fetch never parses the pages it fetches and writes to disk only the temporary
// files of bodies past MaxMemory (in TempDir, removed once read); it reads nothing from the
// environment but the proxy http.DefaultTransport reads: what it does is what the options
// say.
package fetch
