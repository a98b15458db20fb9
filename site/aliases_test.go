package site

import "testing"

// aliasFile takes clean paths under the paper's folder only, and names the file Hugo would.
func TestAliasFile(t *testing.T) {
	t.Parallel()
	const prefix = "/html/cqrb/"
	for a, want := range map[string]string{
		"/html/cqrb/2021-04/14/005/node.htm":     "html/cqrb/2021-04/14/005/node.htm",
		"/html/cqrb/2021-04/14/005/":             "html/cqrb/2021-04/14/005/index.html",
		"/html/cqrb/2021-04/14/005/node.asp":     "html/cqrb/2021-04/14/005/node.asp/index.html",
		"/html/cqrb/x\n/* https://evil.example/": "",
		"/html/cqrb/a b.htm":                     "",
		"/html/cqrb/*.htm":                       "",
		"/html/cqrb/:splat":                      "",
		"/html/cqrb/../../index.html":            "",
		"/html/cqrb//x.htm":                      "",
		"/html/cqrb/%0A.htm":                     "",
		"html/cqrb/x.htm":                        "",
		"/other/x.htm":                           "",
	} {
		got, err := aliasFile(a, prefix)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("aliasFile(%q) = %q, %v; want %q", a, got, err, want)
		}
	}
	if got, err := aliasFile("/cqrb/pc/layout/202104/14/node_01.html", ""); err != nil || got != "cqrb/pc/layout/202104/14/node_01.html" {
		t.Errorf("without a prefix: %q, %v", got, err)
	}
}
