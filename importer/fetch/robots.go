package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// ErrDisallowed is the error for a URL that its host's robots.txt disallows.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// hostState is what a Fetcher keeps of one host (scheme://host:port).
type hostState struct {
	limiter *rate.Limiter
	lock    chan struct{}    // held while robots.txt is fetched
	rules   *robotstxt.Group // robots.txt's rules for our User-Agent; nil until read
}

// host returns the state of u's host, made the first time.
func (f *Fetcher) host(u *url.URL) *hostState {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[key]
	if h == nil {
		limit := rate.Limit(f.opt.Rate)
		if f.opt.Rate == 0 {
			limit = rate.Inf
		}
		h = &hostState{limiter: rate.NewLimiter(limit, f.opt.Burst), lock: make(chan struct{}, 1)}
		f.hosts[key] = h
	}
	return h
}

// allowed returns ErrDisallowed if robots.txt of u's host disallows u.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) error {
	if f.local || f.opt.IgnoreRobots {
		return nil
	}
	rules, err := f.robots(ctx, u)
	if err != nil {
		return err
	}
	if !rules.Test(u.RequestURI()) {
		return ErrDisallowed
	}
	return nil
}

// robots returns the rules of robots.txt of u's host for our User-Agent, read the first
// time through the same slots and rate limit as any request. Its Crawl-delay, when slower
// than Rate, becomes the host's rate.
func (f *Fetcher) robots(ctx context.Context, u *url.URL) (*robotstxt.Group, error) {
	h := f.host(u)
	select {
	case h.lock <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.lock }()
	if h.rules != nil {
		return h.rules, nil
	}
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	rules, problem := f.readRobots(ctx, robotsURL)
	if err := ctx.Err(); err != nil {
		return nil, err // not cached: another context may read it
	}
	if problem != nil {
		f.logf("%v; fetching from %s as if robots.txt allowed everything", problem, u.Host)
	}
	if d := rules.CrawlDelay; d > 0 && rate.Every(d) < h.limiter.Limit() {
		h.limiter.SetLimit(rate.Every(d))
		h.limiter.SetBurst(1)
		f.logf("%s: Crawl-delay %v", robotsURL, d)
	}
	h.rules = rules
	return rules, nil
}

// readRobots fetches and parses robots.txt. A 4xx means no robots.txt: all is allowed. When
// it cannot be read (a 5xx, no connection, a parse error) all is allowed too, and the
// problem is returned.
func (f *Fetcher) readRobots(ctx context.Context, robotsURL string) (*robotstxt.Group, error) {
	allowAll := &robotstxt.Group{}
	got, err := f.follow(ctx, robotsURL, Validators{}, f.try)
	if se := (*StatusError)(nil); errors.As(err, &se) && se.StatusCode >= 400 && se.StatusCode <= 499 {
		return allowAll, nil
	}
	if err != nil {
		return allowAll, err
	}
	data, err := robotstxt.FromBytes(got.Body)
	if err != nil {
		return allowAll, fmt.Errorf("%s: %s", robotsURL, strings.Join(strings.Fields(err.Error()), " "))
	}
	return data.FindGroup(f.opt.UserAgent), nil
}

// logf writes a line to Log, one writer at a time.
func (f *Fetcher) logf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fmt.Fprintf(f.opt.Log, format+"\n", args...)
}
