package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// StatusError is a response whose status is neither 200, 304 nor a redirect.
type StatusError struct {
	StatusCode int
	Status     string        // as received: "404 Not Found"
	retryAfter time.Duration // from the Retry-After header; negative: none
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// politely fetches u as Get does: robots.txt permitting, tried again as retry says.
func (f *Fetcher) politely(ctx context.Context, u *url.URL, v Validators) (*Fetched, *url.URL, error) {
	if err := f.allowed(ctx, u); err != nil {
		return nil, nil, err
	}
	return f.retry(ctx, u, v)
}

// try GETs u once, in a slot and within the rate limit of u's host; Timeout runs from when
// the request is sent to when its body is read.
func (f *Fetcher) try(ctx context.Context, u *url.URL, v Validators) (*Fetched, *url.URL, error) {
	release, err := f.acquire(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	tctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	got, next, err := f.do(tctx, u, v)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = fmt.Errorf("timeout after %v: %w", f.opt.Timeout, err)
	}
	return got, next, err
}

// acquire waits for a slot among the requests in flight, then for the rate limit of u's
// host. Waiting in that order keeps requests spaced as the limit says.
func (f *Fetcher) acquire(ctx context.Context, u *url.URL) (release func(), err error) {
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-f.slots }
	if !f.local {
		if err := f.host(u).limiter.Wait(ctx); err != nil {
			release()
			return nil, err
		}
	}
	return release, nil
}

// do sends the request and reads the response.
func (f *Fetcher) do(ctx context.Context, u *url.URL, v Validators) (*Fetched, *url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if uerr := (*url.Error)(nil); errors.As(err, &uerr) {
		return nil, nil, uerr.Err // the caller names the URL
	} else if err != nil {
		return nil, nil, err
	}
	defer drainAndClose(resp.Body)
	switch code := resp.StatusCode; code {
	case http.StatusOK, http.StatusNotModified:
		got := &Fetched{Status: code, ContentType: resp.Header.Get("Content-Type"),
			ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Header: resp.Header}
		if code == http.StatusOK {
			got.Body, err = f.readBody(resp)
		}
		return got, nil, err
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		next, err := resp.Location()
		if err != nil {
			return nil, nil, fmt.Errorf("HTTP %s: %w", resp.Status, err)
		}
		return nil, next, nil
	}
	return nil, nil, &StatusError{StatusCode: resp.StatusCode, Status: resp.Status, retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
}

// drainAndClose reads a little of what is left of a body, so that its connection can serve
// the next request, and closes it.
func drainAndClose(body io.ReadCloser) {
	io.CopyN(io.Discard, body, 4<<10)
	body.Close()
}
