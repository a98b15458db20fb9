package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// ErrDisallowed is the error for a URL that its host's robots.txt disallows.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// ErrRobotsUnreachable is the error for a URL of a host whose robots.txt could not be
// read, after retries: it answered a server error (or 429), or no connection could be made.
// RFC 9309 (2.3.1.4) says such a host is not to be crawled at all.
var ErrRobotsUnreachable = errors.New("robots.txt unreachable: host not crawlable (RFC 9309 2.3.1.4)")

// hostState is what a Fetcher keeps of one host (scheme://host:port).
type hostState struct {
	limiter *rate.Limiter
	lock    chan struct{}    // held while robots.txt is fetched
	rules   *robotstxt.Group // robots.txt's rules for our User-Agent; nil until read
	refused error            // robots.txt was unreachable: every URL of the host fails with it
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
	if h := f.host(u); h.refused != nil {
		return h.refused
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
	rules, unreachable, problem := f.readRobots(ctx, robotsURL)
	if err := ctx.Err(); err != nil {
		return nil, err // not cached: another context may read it
	}
	switch {
	case unreachable:
		h.refused = fmt.Errorf("%w: %v", ErrRobotsUnreachable, problem)
		f.logf("%s: not crawlable: robots.txt unreachable (%v), which RFC 9309 reads as disallowing everything", u.Host, problem)
	case problem != nil:
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

// readRobots fetches and parses robots.txt, as RFC 9309 says: a 4xx (but 429) means no
// robots.txt, so all is allowed; a 5xx, a 429 or no connection, tried again with backoff as
// any request, means it is unreachable, so all is disallowed (unreachable, with the
// problem); a robots.txt that cannot be parsed allows all, and the problem is returned.
func (f *Fetcher) readRobots(ctx context.Context, robotsURL string) (rules *robotstxt.Group, unreachable bool, problem error) {
	allowAll := &robotstxt.Group{}
	got, err := f.follow(ctx, robotsURL, Validators{}, f.retry)
	if se := (*StatusError)(nil); errors.As(err, &se) && se.StatusCode >= 400 && se.StatusCode <= 499 && se.StatusCode != http.StatusTooManyRequests {
		return allowAll, false, nil
	}
	if err != nil {
		return &robotstxt.Group{}, true, err
	}
	data, err := robotstxt.FromBytes(got.Body)
	if err != nil {
		return allowAll, false, fmt.Errorf("%s: %s", robotsURL, strings.Join(strings.Fields(err.Error()), " "))
	}
	return data.FindGroup(f.opt.UserAgent), false, nil
}

// logf writes a line to Log, one writer at a time.
func (f *Fetcher) logf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fmt.Fprintf(f.opt.Log, format+"\n", args...)
}
