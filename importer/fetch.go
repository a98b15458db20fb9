package importer

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"
)

// The fetcher is split by concern: fetch.go (options, Fetcher, Get), fetcher_redirect.go
// (which redirects are followed), fetcher_try.go (one request: in-flight slots, rate limit,
// timeout, status, body size), retry.go (what is tried again, and when) and robots.go
// (robots.txt and Crawl-delay, per host).

// FetchOptions configure a Fetcher; zero values mean the documented defaults.
type FetchOptions struct {
	UserAgent     string        // default UserAgent("")
	Timeout       time.Duration // per request, headers and body (default 30s)
	MaxBytes      int64         // largest body accepted, after decompression (default 64 MiB)
	Rate          float64       // requests per second per host (default 2; negative: no limit)
	Burst         int           // requests at once within Rate (default 1)
	Concurrency   int           // requests in flight at most, all hosts together (default 4)
	Retries       int           // retries after the first try (default 4; negative: none)
	MaxRetryAfter time.Duration // cap on a Retry-After wait and on backoff (default 60s)
	MaxRedirects  int           // redirects followed at most (default 5)
	AllowHosts    []string      // hosts ("cdn.example.com" or "host:port") redirects may lead to besides the request's own
	IgnoreRobots  bool          // false: robots.txt is honoured, and its Crawl-delay lowers Rate for its host
	Log           io.Writer     // a line for what is worth knowing but no error (robots.txt unreadable); nil: quiet
}

// Defaults of FetchOptions.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultMaxBytes      = 64 << 20
	DefaultRate          = 2
	DefaultConcurrency   = 4
	DefaultRetries       = 4
	DefaultMaxRetryAfter = 60 * time.Second
	DefaultMaxRedirects  = 5
)

// UserAgent is the User-Agent header epaper sends: "epaper/VERSION (+https://github.com/epaper-archive/epaper)",
// with "devel" for an empty version.
func UserAgent(version string) string {
	if version == "" {
		version = "devel"
	}
	return "epaper/" + version + " (+https://github.com/epaper-archive/epaper)"
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("")
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Rate == 0 {
		o.Rate = DefaultRate
	}
	if o.Burst <= 0 {
		o.Burst = 1
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	}
	o.Retries = max(o.Retries, 0)
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// Validators are what an earlier response said of a resource, for a conditional GET.
type Validators struct{ ETag, LastModified string }

// Fetched is one response as received.
type Fetched struct {
	URL          string // final, after redirects
	Status       int    // 200, or 304 (then Body is nil) for a conditional GET
	ContentType  string
	Body         []byte
	ETag         string // the response's validators, to send with the next Get
	LastModified string
	Header       http.Header // all of the response's headers
}

// Fetcher makes every HTTP request of an import, politely: a rate limit per host, a bound on
// requests in flight, robots.txt, retries with backoff, limits on redirects and body size. It
// is safe for concurrent use.
type Fetcher struct {
	opt    FetchOptions
	client *http.Client  // follows no redirects: follow does, checking each
	local  bool          // the transport reads files: no robots.txt, no rate limit
	slots  chan struct{} // one per request in flight

	mu    sync.Mutex
	hosts map[string]*hostState // by scheme://host:port
}

// NewFetcher returns a Fetcher that sends its requests through transport (nil: a clone of
// http.DefaultTransport). A transport with a method Local() that returns true (a mirror on
// disk) is neither rate limited nor asked for robots.txt.
func NewFetcher(opt FetchOptions, transport http.RoundTripper) *Fetcher {
	if transport == nil {
		transport = http.DefaultTransport
		if t, ok := transport.(*http.Transport); ok {
			transport = t.Clone() // its own connections
		}
	}
	local, _ := transport.(interface{ Local() bool })
	opt = opt.withDefaults()
	return &Fetcher{
		opt: opt,
		client: &http.Client{Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
		local: local != nil && local.Local(),
		slots: make(chan struct{}, opt.Concurrency),
		hosts: map[string]*hostState{},
	}
}

// Get fetches u. A status other than 200 or 304 is an error naming the URL and the status;
// so is a URL robots.txt disallows, a body larger than MaxBytes and a refused redirect. What
// may pass (5xx, 429, 408, a reset connection, a timeout, a body cut short) is tried again.
// With non-empty validators Get sends If-None-Match / If-Modified-Since, and a 304 comes back
// as Status 304 with no body.
func (f *Fetcher) Get(ctx context.Context, u string, v Validators) (*Fetched, error) {
	return f.follow(ctx, u, v, f.politely)
}
