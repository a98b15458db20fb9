package importer

import "testing"

// The paths kept as aliases are clean paths in a folder; the rest are refused with a reason.
func TestCheckAlias(t *testing.T) {
	t.Parallel()
	for p, ok := range map[string]bool{
		"/html/cqrb/2021-04/14/005/node.htm":           true,
		"/html/cqrb/2021-04/14/005/content_268824.htm": true,
		"/cqrb/20240301/":                              true,
		"/index.html":                                  false,
		"/robots.txt":                                  false,
		"/content_1.htm":                               false,
		"/":                                            false,
		"/html/cqrb/a b.htm":                           false,
		"/html/cqrb/x\n/* https://evil.example/":       false,
		"/html/cqrb/%0A.htm":                           false,
		"/html/cqrb/*.htm":                             false,
		"/html/cqrb/:splat.htm":                        false,
		"/html/cqrb/../../index.html":                  false,
		"/html//cqrb.htm":                              false,
		"html/cqrb/node.htm":                           false,
	} {
		if err := checkAlias(p); (err == nil) != ok {
			t.Errorf("%q: %v, want ok=%v", p, err, ok)
		}
	}
}
