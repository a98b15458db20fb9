package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"
)

// The tests here wait on the clock (Retry-After, backoff, rate limits, Crawl-delay). They run
// in a synctest bubble, whose clock moves only when every goroutine waits on it, so a wait of
// a second takes no time and is measured exactly. The server is the fetch server's mux,
// called in memory (a socket would keep the bubble from ever being idle).

// memTransport answers requests by calling a handler in memory.
type memTransport struct{ h http.Handler }

func (m memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	m.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// memSite is the URL the in-memory server answers for.
const memSite = "http://fetch.test"

// inBubble runs fn in a synctest bubble with a fetch server in memory, set up by setup
// (nil: no robots.txt), and a Fetcher of the test options that set changes.
func inBubble(t *testing.T, setup func(*fetchServer), set func(*FetchOptions), fn func(t *testing.T, s *fetchServer, f *Fetcher)) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := newFetchServer(t)
		if setup != nil {
			setup(s)
		}
		opt := DefaultFetchOptions()
		opt.Rate, opt.MaxRetryAfter = 1000, 100*time.Millisecond
		if set != nil {
			set(&opt)
		}
		f, err := NewFetcher(opt, memTransport{s.handler})
		if err != nil {
			t.Fatal(err)
		}
		fn(t, s, f)
	})
}

func TestFetchWaitsAsRetryAfterSays(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.MaxRetryAfter = 10 * time.Second; o.IgnoreRobots = true }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		d := elapsed(func() { mustFetch(t, f, memSite+"/flaky?fail=1&status=429&retry-after=1", Validators{}) })
		if d != time.Second {
			t.Errorf("took %v, want the 1s of Retry-After", d)
		}
		if n := s.hit("/flaky"); n != 2 {
			t.Errorf("%d requests, want 2 (429, 200)", n)
		}
	})
}

func TestFetchCapsRetryAfter(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.MaxRetryAfter = time.Second; o.IgnoreRobots = true }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		d := elapsed(func() { mustFetch(t, f, memSite+"/flaky?fail=1&status=503&retry-after=3600", Validators{}) })
		if d != time.Second {
			t.Errorf("took %v, want MaxRetryAfter (1s), not the hour of Retry-After", d)
		}
	})
}

// Without Retry-After the waits grow (full jitter under a doubling ceiling, capped).
func TestFetchBacksOff(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.MaxRetryAfter = 3 * time.Second; o.Retries = 4 }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		d := elapsed(func() { mustFetch(t, f, memSite+"/flaky?fail=4&status=500", Validators{}) })
		if d > (1+2+3+3)*time.Second {
			t.Errorf("4 retries took %v, more than the ceilings 1s+2s+3s+3s", d)
		}
		if n := s.hit("/flaky"); n != 5 {
			t.Errorf("%d requests, want 5", n)
		}
	})
}

func TestFetchDoesNotRetryOnceTheContextIsDone(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.MaxRetryAfter = 10 * time.Second }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		var err error
		d := elapsed(func() { _, err = f.Get(ctx, memSite+"/flaky?fail=100&status=503&retry-after=5", Validators{}) })
		if !errors.Is(err, context.DeadlineExceeded) || d != 100*time.Millisecond {
			t.Errorf("after %v: %v, want the context's error when it ends", d, err)
		}
		if n := s.hit("/flaky"); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
}

func TestFetchCrawlDelayLowersTheRate(t *testing.T) {
	setup := func(s *fetchServer) { s.robots = "User-agent: *\nCrawl-delay: 0.25\n" }
	inBubble(t, setup, func(o *FetchOptions) { o.Rate = 1000; o.Burst = 5 }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		d := elapsed(func() {
			for range 4 {
				mustFetch(t, f, memSite+"/ok", Validators{})
			}
		})
		if d < 750*time.Millisecond || d > time.Second {
			t.Errorf("4 requests took %v, want 3 or 4 Crawl-delays of 250ms", d)
		}
	})
}

func TestFetchRateLimit(t *testing.T) {
	const n, rate = 6, 10.0
	inBubble(t, nil, func(o *FetchOptions) { o.Rate = rate; o.Concurrency = n; o.IgnoreRobots = true }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		d := elapsed(func() { getAll(t, f, memSite+"/ok", n) })
		if want := time.Duration((n - 1) / rate * float64(time.Second)); d != want {
			t.Errorf("%d requests at %v/s took %v, want %v", n, rate, d, want)
		}
	})
}

// Rate 0 is no limit: requests are not spaced at all.
func TestFetchRateZeroIsNoLimit(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.Rate = 0; o.Concurrency = 6; o.IgnoreRobots = true }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		if d := elapsed(func() { getAll(t, f, memSite+"/ok", 6) }); d != 0 {
			t.Errorf("6 requests without a rate limit took %v", d)
		}
	})
}

// Retries 0 is one try and no retry; MaxRedirects 0 is no redirect followed.
func TestFetchOptionsAreTakenLiterally(t *testing.T) {
	inBubble(t, nil, func(o *FetchOptions) { o.Retries = 0; o.MaxRedirects = 0 }, func(t *testing.T, s *fetchServer, f *Fetcher) {
		_, err := f.Get(t.Context(), memSite+"/flaky?fail=1&status=503", Validators{})
		if se := (*StatusError)(nil); !errors.As(err, &se) || se.StatusCode != 503 || s.hit("/flaky") != 1 {
			t.Errorf("with Retries 0: %v after %d requests, want the 503 of the only one", err, s.hit("/flaky"))
		}
		_, err = f.Get(t.Context(), memSite+"/redirect?to=/ok", Validators{})
		if err == nil || s.hit("/ok") != 0 {
			t.Errorf("with MaxRedirects 0: %v, /ok asked %d times; want the redirect refused", err, s.hit("/ok"))
		} else {
			errorSays(t, err, "more than 0 redirects")
		}
	})
}

// Validate names the option whose value makes no sense; the defaults are valid.
func TestValidate(t *testing.T) {
	t.Parallel()
	if err := DefaultFetchOptions().Validate(); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	for name, set := range map[string]func(*FetchOptions){
		"UserAgent":     func(o *FetchOptions) { o.UserAgent = "" },
		"Timeout":       func(o *FetchOptions) { o.Timeout = -time.Second },
		"MaxBytes":      func(o *FetchOptions) { o.MaxBytes = -5 },
		"Rate":          func(o *FetchOptions) { o.Rate = -1 },
		"Burst":         func(o *FetchOptions) { o.Burst = 0 },
		"Concurrency":   func(o *FetchOptions) { o.Concurrency = 0 },
		"Retries":       func(o *FetchOptions) { o.Retries = -1 },
		"MaxRetryAfter": func(o *FetchOptions) { o.MaxRetryAfter = -time.Second },
		"MaxRedirects":  func(o *FetchOptions) { o.MaxRedirects = -1 },
	} {
		o := DefaultFetchOptions()
		set(&o)
		err := o.Validate()
		if oe := (*OptionError)(nil); !errors.As(err, &oe) || oe.Option != name {
			t.Errorf("%s: %v, want an OptionError naming it", name, err)
		}
		if _, err := NewFetcher(o, nil); err == nil {
			t.Errorf("NewFetcher with a bad %s: no error", name)
		}
	}
	o := DefaultFetchOptions()
	o.Retries, o.MaxRedirects, o.Rate, o.MaxRetryAfter = 0, 0, 0, 0
	if err := o.Validate(); err != nil {
		t.Errorf("no retries, no redirects, no rate limit: %v", err)
	}
}
