package fetch

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// fetchOne fetches one URL: a response, or the URL a redirect leads to.
type fetchOne func(ctx context.Context, u *url.URL, v Validators) (*Fetched, *url.URL, error)

// follow fetches raw with one and follows the redirects it leads to, each checked by
// checkRedirect. Errors name raw, and the URL redirected to where it failed.
func (f *Fetcher) follow(ctx context.Context, raw string, v Validators, one fetchOne) (*Fetched, error) {
	start, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", raw, err)
	}
	seen := map[string]bool{}
	for u := start; ; {
		seen[u.String()] = true
		got, next, err := one(ctx, u, v)
		switch {
		case err != nil && u == start:
			return nil, fmt.Errorf("fetch %q: %w", raw, err)
		case err != nil:
			return nil, fmt.Errorf("fetch %q: redirected to %q: %w", raw, u, err)
		case next == nil:
			got.URL = u.String()
			return got, nil
		}
		if err := f.checkRedirect(start, u, next, seen); err != nil {
			return nil, fmt.Errorf("fetch %q: %w", raw, err)
		}
		u = next
	}
}

// checkRedirect says whether a redirect from → to may be followed, in a chain that started
// at start and has seen the URLs seen: not back to a URL seen, not more than MaxRedirects,
// only to start's host (from http to https too, never back) or to one of AllowHosts.
func (f *Fetcher) checkRedirect(start, from, to *url.URL, seen map[string]bool) error {
	switch {
	case seen[to.String()]:
		return fmt.Errorf("redirect loop: %q leads back to %q", from, to)
	case len(seen) > f.opt.MaxRedirects:
		return fmt.Errorf("more than %d redirects, the last from %q to %q", f.opt.MaxRedirects, from, to)
	case to.Scheme != "http" && to.Scheme != "https":
		return fmt.Errorf("redirect from %q to %q refused: not http(s)", from, to)
	case from.Scheme == "https" && to.Scheme == "http":
		return fmt.Errorf("redirect from %q to %q refused: from https to http", from, to)
	case !strings.EqualFold(to.Host, start.Host) && !f.allowedHost(to):
		return fmt.Errorf("redirect from %q to %q refused: another host, not in AllowHosts", from, to)
	}
	return nil
}

// allowedHost says whether u's host is one of AllowHosts, by name or by name and port.
func (f *Fetcher) allowedHost(u *url.URL) bool {
	for _, h := range f.opt.AllowHosts {
		if strings.EqualFold(h, u.Host) || strings.EqualFold(h, u.Hostname()) {
			return true
		}
	}
	return false
}
