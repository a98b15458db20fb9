package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// firstBackoff is the most the first wait before a retry lasts; the ceiling doubles with each
// try, up to MaxRetryAfter.
const firstBackoff = time.Second

// retry tries u until a try succeeds, fails for good, the context is done or Retries retries
// were made. Between tries it waits as the response's Retry-After says, or a random time up
// to the backoff ceiling ("full jitter"), both capped at MaxRetryAfter. The error says how
// many tries were made when there were more than one.
func (f *Fetcher) retry(ctx context.Context, u *url.URL, v Validators) (*Fetched, *url.URL, error) {
	for tries := 1; ; tries++ {
		got, next, err := f.try(ctx, u, v)
		if err == nil {
			return got, next, nil
		}
		if !retryable(err) || ctx.Err() != nil || tries > f.opt.Retries {
			return nil, nil, afterTries(err, tries)
		}
		if werr := pause(ctx, f.backoff(err, tries)); werr != nil {
			return nil, nil, fmt.Errorf("%w (%d tries, then %w)", err, tries, werr)
		}
	}
}

func afterTries(err error, tries int) error {
	if tries == 1 {
		return err
	}
	return fmt.Errorf("%w (%d tries)", err, tries)
}

// retryable says whether a try that failed with err may pass when tried again: a server
// error, 429 Too Many Requests, 408 Request Timeout, a connection reset, refused or closed
// before the response, a timeout, a body cut short.
func retryable(err error) bool {
	if se := (*StatusError)(nil); errors.As(err, &se) {
		return se.StatusCode >= 500 && se.StatusCode <= 599 ||
			se.StatusCode == http.StatusTooManyRequests || se.StatusCode == http.StatusRequestTimeout
	}
	for _, target := range []error{io.ErrUnexpectedEOF, io.EOF, context.DeadlineExceeded,
		syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.ECONNABORTED, syscall.EPIPE} {
		if errors.Is(err, target) {
			return true
		}
	}
	ne := net.Error(nil)
	return errors.As(err, &ne) && ne.Timeout()
}

// backoff is how long to wait after try number tries failed with err.
func (f *Fetcher) backoff(err error, tries int) time.Duration {
	if se := (*StatusError)(nil); errors.As(err, &se) && se.retryAfter >= 0 {
		return min(se.retryAfter, f.opt.MaxRetryAfter)
	}
	ceiling := f.opt.MaxRetryAfter
	if tries < 20 {
		ceiling = min(ceiling, firstBackoff<<(tries-1))
	}
	return rand.N(ceiling + 1)
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date. Negative: none.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return -1
	}
	if s, err := strconv.Atoi(h); err == nil {
		if s < 0 {
			return -1
		}
		return time.Duration(min(s, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}

// pause waits for d, or until ctx is done.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
