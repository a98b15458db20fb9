package importer

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// fetched is one response as received.
type fetched struct {
	URL         string // after redirects
	Status      int
	ContentType string
	Body        []byte
}

// fetch GETs u. A status other than 200 is an error naming the URL; so is a body larger
// than maxBytes.
func (im *Importer) fetch(ctx context.Context, u string) (*fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	req.Header.Set("User-Agent", im.opt.UserAgent)
	resp, err := im.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: HTTP %s", u, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, im.opt.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	if int64(len(body)) > im.opt.MaxBytes {
		return nil, fmt.Errorf("fetch %s: larger than %d bytes", u, im.opt.MaxBytes)
	}
	return &fetched{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}
