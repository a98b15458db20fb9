package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrPrivateAddress is the error for a request that would connect to an address that is
// not public (loopback, private, link-local, shared, unspecified, multicast) for a host
// that FetchOptions.PrivateHosts does not name.
var ErrPrivateAddress = errors.New("not a public address")

// nonPublic are the IPv4 and IPv6 ranges no request of a crawl of the web should reach,
// besides what netip.Addr's methods tell (loopback, private, link-local, multicast,
// unspecified).
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // shared address space (carrier-grade NAT)
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("100::/64"),       // discard-only
	netip.MustParsePrefix("2001:10::/28"),   // ORCHID
	netip.MustParsePrefix("::ffff:0:0/96"),  // IPv4-mapped, checked unmapped
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("2002::/16"),      // 6to4 may embed any IPv4 address
	netip.MustParsePrefix("2001::/32"),      // Teredo alike
}

// publicAddress says whether a is an address of the public Internet.
func publicAddress(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// dialGuard decides which addresses a transport may connect to: public ones, and any
// address of a trusted host (PrivateHosts, and the proxy the environment names).
type dialGuard struct {
	mu      sync.Mutex
	trusted map[string]bool // host names and IP literals, lower case
}

func (g *dialGuard) trust(host string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.trusted[strings.ToLower(host)] = true
}

func (g *dialGuard) trusts(host string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.trusted[strings.ToLower(host)]
}

// dial connects to addr, checking the address actually dialled (after name resolution, so
// that a name resolving now to another address than it did cannot steer the request).
func (g *dialGuard) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	d := net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if !publicAddress(ap.Addr()) && !g.trusts(host) {
				return fmt.Errorf("%s: %s is %w (FetchOptions.PrivateHosts does not name %s)", host, ap.Addr().Unmap(), ErrPrivateAddress, host)
			}
			return nil
		}}
	return d.DialContext(ctx, network, addr)
}

// NewTransport returns the transport a Fetcher made with opt and no transport of its own
// uses: a clone of http.DefaultTransport (its proxy from the environment too) that, with
// opt.PublicOnly, connects only to public addresses, but for the hosts of
// opt.PrivateHosts and the proxy. Give it as the transport under a WARC recorder, so that
// the recorder reaches what the Fetcher would.
func NewTransport(opt FetchOptions) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if !opt.PublicOnly {
		return t
	}
	g := &dialGuard{trusted: map[string]bool{}}
	for _, h := range opt.PrivateHosts {
		if hn, _, err := net.SplitHostPort(h); err == nil {
			h = hn
		}
		g.trust(strings.Trim(h, "[]"))
	}
	if proxy := t.Proxy; proxy != nil {
		t.Proxy = func(r *http.Request) (*url.URL, error) {
			u, err := proxy(r)
			if u != nil {
				g.trust(u.Hostname()) // the user's own choice
			}
			return u, err
		}
	}
	t.DialContext = g.dial
	return t
}
