package importer

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// ErrOtherHost is the error for a URL that a page names on a host other than the edition's
// (the host of the URL the import started from) and not allowed by fetch.FetchOptions.
// AllowHosts (--allow-host): it is not fetched. Reading a mirror or an archive, which
// reaches no server, every URL may be read.
var ErrOtherHost = errors.New("on another host than the edition's: not fetched")

// hostSet is the hosts an import fetches from: those of the URLs it started from.
type hostSet struct {
	mu    sync.Mutex
	hosts map[string]bool // host or host:port, lower case
}

// add adds the host of u.
func (s *hostSet) add(u string) {
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hosts == nil {
		s.hosts = map[string]bool{}
	}
	s.hosts[strings.ToLower(pu.Host)] = true
}

func (s *hostSet) has(host string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hosts[strings.ToLower(host)]
}

// fetchable returns nil for a URL the import may fetch: one of the edition's hosts or of
// AllowHosts (by name, or name and port), or any URL of a mirror or archive; else an error
// wrapping ErrOtherHost that names the URL and the flag that would allow it.
func (im *Importer) fetchable(u string) error {
	if im.fetcher.Local() {
		return nil
	}
	pu, err := url.Parse(u)
	if err != nil {
		return fmt.Errorf("%s: %w", u, err)
	}
	if pu.Scheme != "http" && pu.Scheme != "https" {
		return fmt.Errorf("%s: not http(s): not fetched", u)
	}
	if im.sources.has(pu.Host) {
		return nil
	}
	for _, h := range im.fetcher.Options().AllowHosts {
		if strings.EqualFold(h, pu.Host) || strings.EqualFold(h, pu.Hostname()) {
			return nil
		}
	}
	return fmt.Errorf("%s: %w (--allow-host %s would fetch it)", u, ErrOtherHost, pu.Host)
}
