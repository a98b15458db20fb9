package extract

import (
	"net/url"
	"regexp"

	"github.com/andybalholm/cascadia"
)

var (
	selScripts       = cascadia.MustCompile("script:not([src])")
	reScriptRedirect = regexp.MustCompile(`(?:^|[^.\w])(?:(?:window|self|top|parent|document)\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']` +
		`|(?:^|[^.\w])(?:(?:window|self|top|parent|document)\.)?location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)`)
)

// ExtractScriptRedirect returns the target of a script of the page that sends the browser on
// to another page — location.href = "…", window.location = '…', location.replace("…") —
// resolved against base, or "". Index pages of e-papers redirect so as often as with a
// <meta> refresh (ExtractRefresh); but an edition's pages have scripts that go elsewhere
// too (to the mobile pages), so a caller follows one only from a page that is not an
// edition's page.
func ExtractScriptRedirect(body string, base *url.URL) string {
	doc, err := parse(body)
	if err != nil {
		return ""
	}
	target := ""
	doc.find(selScripts).eachWhile(func(s sel) bool {
		m := reScriptRedirect.FindStringSubmatch(s.text())
		if m == nil {
			return true
		}
		target = resolve(base, m[1]+m[2])
		return target == ""
	})
	return target
}
