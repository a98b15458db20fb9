package fetch

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"time"
)

// FetchOptions configure a Fetcher. They are taken as they are: 0 retries is no retry, 0
// redirects is no redirect, a Rate of 0 is no limit. Start from DefaultFetchOptions and
// change what differs; Validate says which value makes no sense.
type FetchOptions struct {
	UserAgent     string        // the User-Agent header; see UserAgent
	Timeout       time.Duration // per request, headers and body; > 0
	MaxBytes      int64         // largest body accepted, after decompression; > 0
	MaxMemory     int64         // bytes of bodies held in memory while being read, all requests together (past it, in TempDir); > 0
	TempDir       string        // where bodies past MaxMemory are read; "": os.TempDir()
	Rate          float64       // requests per second per host; 0: no limit
	Burst         int           // requests at once within Rate; >= 1
	Concurrency   int           // requests in flight at most, all hosts together; >= 1
	Retries       int           // retries after the first try; 0: none
	MaxRetryAfter time.Duration // cap on a Retry-After wait and on backoff; 0: retry at once
	MaxRedirects  int           // redirects followed at most; 0: none
	AllowHosts    []string      // hosts ("cdn.example.com" or "host:port") redirects may lead to besides the request's own
	IgnoreRobots  bool          // false: robots.txt is honoured, and its Crawl-delay lowers Rate for its host
	PublicOnly    bool          // connect only to public addresses (checked at connect time), but for PrivateHosts; applies to the Fetcher's own transport (NewTransport)
	PrivateHosts  []string      // with PublicOnly, the hosts that may be on loopback, private or link-local addresses: the source's own
	Log           io.Writer     // a line for what is worth knowing but no error (robots.txt unreadable); nil: quiet
}

// DefaultFetchOptions are the options of a polite crawl of a live site: 2 requests a second
// to a host, 4 in flight, 30 s for a request, 4 retries waiting at most 60 s, 5 redirects,
// 64 MiB for a body, 64 MiB of bodies in memory while they are read, robots.txt honoured,
// the User-Agent of an unversioned epaper.
func DefaultFetchOptions() FetchOptions {
	return FetchOptions{
		UserAgent:     UserAgent(""),
		Timeout:       30 * time.Second,
		MaxBytes:      64 << 20,
		MaxMemory:     64 << 20,
		Rate:          2,
		Burst:         1,
		Concurrency:   4,
		Retries:       4,
		MaxRetryAfter: 60 * time.Second,
		MaxRedirects:  5,
	}
}

// OptionError is the error of Validate: an option whose value makes no sense.
type OptionError struct {
	Option string // the field of FetchOptions
	Value  any
	Want   string // what it must be
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("fetch option %s: %v: must be %s", e.Option, e.Value, e.Want)
}

// Validate returns an *OptionError for the first option whose value makes no sense: a
// negative or zero Timeout, MaxBytes, Burst or Concurrency, a negative Rate, Retries,
// MaxRetryAfter or MaxRedirects, a Rate that is not a number, an empty UserAgent.
func (o FetchOptions) Validate() error {
	for _, c := range []struct {
		bad   bool
		name  string
		value any
		want  string
	}{
		{o.UserAgent == "", "UserAgent", `""`, "set"},
		{o.Timeout <= 0, "Timeout", o.Timeout, "more than 0"},
		{o.MaxBytes <= 0, "MaxBytes", o.MaxBytes, "more than 0"},
		{o.MaxMemory <= 0, "MaxMemory", o.MaxMemory, "more than 0"},
		{o.Rate < 0 || math.IsNaN(o.Rate) || math.IsInf(o.Rate, 0), "Rate", o.Rate, "0 (no limit) or more"},
		{o.Burst < 1, "Burst", o.Burst, "1 or more"},
		{o.Concurrency < 1, "Concurrency", o.Concurrency, "1 or more"},
		{o.Retries < 0, "Retries", o.Retries, "0 or more"},
		{o.MaxRetryAfter < 0, "MaxRetryAfter", o.MaxRetryAfter, "0 or more"},
		{o.MaxRedirects < 0, "MaxRedirects", o.MaxRedirects, "0 or more"},
	} {
		if c.bad {
			return &OptionError{Option: c.name, Value: c.value, Want: c.want}
		}
	}
	return nil
}

// UserAgent is the User-Agent header epaper sends: "epaper/VERSION (+https://github.com/epaper-archive/epaper)",
// with "devel" for an empty version.
func UserAgent(version string) string {
	if version == "" {
		version = "devel"
	}
	return "epaper/" + version + " (+https://github.com/epaper-archive/epaper)"
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
	budget *memBudget    // of MaxMemory

	mu    sync.Mutex
	hosts map[string]*hostState // by scheme://host:port
}

// NewFetcher returns a Fetcher with the options opt that sends its requests through
// transport (nil: NewTransport(opt)), or the error of opt.Validate. A
// transport with a method Local() that returns true (a mirror or an archive on disk) is
// neither rate limited nor asked for robots.txt.
func NewFetcher(opt FetchOptions, transport http.RoundTripper) (*Fetcher, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if transport == nil {
		transport = NewTransport(opt) // its own connections
	}
	local, _ := transport.(interface{ Local() bool })
	return &Fetcher{
		opt: opt,
		client: &http.Client{Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
		local:  local != nil && local.Local(),
		slots:  make(chan struct{}, opt.Concurrency),
		budget: &memBudget{free: opt.MaxMemory},
		hosts:  map[string]*hostState{},
	}, nil
}

// Options are the options the Fetcher was made with.
func (f *Fetcher) Options() FetchOptions { return f.opt }

// Local says whether the Fetcher reads from a local transport (a mirror or an archive):
// then it neither rate limits nor reads robots.txt.
func (f *Fetcher) Local() bool { return f.local }

// Get fetches u. A status other than 200 or 304 is an error naming the URL and the status;
// so is a URL robots.txt disallows, a body larger than MaxBytes and a refused redirect. What
// may pass (5xx, 429, 408, a reset connection, a timeout, a body cut short) is tried again.
// With non-empty validators Get sends If-None-Match / If-Modified-Since, and a 304 comes back
// as Status 304 with no body.
func (f *Fetcher) Get(ctx context.Context, u string, v Validators) (*Fetched, error) {
	return f.follow(ctx, u, v, f.politely)
}
