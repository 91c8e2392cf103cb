package main

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// trustedProxies are the addresses (--trusted-proxies) whose
// X-Forwarded-For is believed: a request from one of them came from the
// address that header names last, past the trusted proxies themselves.
type trustedProxies []netip.Prefix

// parseTrustedProxies reads --trusted-proxies: CIDR ranges or single
// addresses.
func parseTrustedProxies(list []string) (trustedProxies, error) {
	var out trustedProxies
	for _, s := range list {
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted-proxies: %q is not an address or a CIDR range such as 10.0.0.0/8", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func (tp trustedProxies) trusts(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Addr{}, false
	}
	a = a.Unmap().WithZone("")
	for _, p := range tp {
		if p.Contains(a) {
			return a, true
		}
	}
	return a, false
}

// clientAddr is the address a request came from: the peer's, or, when the
// peer is a trusted proxy, the last address of X-Forwarded-For that is not
// a trusted proxy (each proxy appends the address it was reached from; the
// addresses before the last untrusted one may be anything the client sent).
func (tp trustedProxies) clientAddr(r *http.Request) string {
	peer, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		peer = r.RemoteAddr
	}
	if _, ok := tp.trusts(peer); !ok || len(tp) == 0 {
		return peer
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	addr := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, trusted := tp.trusts(hops[i])
		if !a.IsValid() {
			break // not an address: stop at the last one believed
		}
		addr = a.String()
		if !trusted {
			break
		}
	}
	return addr
}
