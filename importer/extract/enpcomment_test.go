package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// reEnpProperty is what enpComment finds, as the regular expression it replaced.
var reEnpProperty = regexp.MustCompile(`(?s)<!--\s*enpproperty(.*?)/enpproperty\s*-->`)

func checkEnpComment(t *testing.T, body string) {
	t.Helper()
	got, ok := enpComment(body)
	m := reEnpProperty.FindStringSubmatch(body)
	if ok != (m != nil) || (ok && got != m[1]) {
		t.Errorf("enpComment(%.80q) = %.60q, %v; the regular expression finds %.60q", body, got, ok, m)
	}
}

// enpComment finds what the regular expression found, on the fixture's pages and on the
// comments' odd shapes.
func TestEnpCommentIsTheRegexp(t *testing.T) {
	for _, s := range []string{
		"", "<!--", "<!--enpproperty", "<!--enpproperty/enpproperty-->", "<!-- \t\n\f\renpproperty <a>1</a> /enpproperty \r\n-->",
		"<!--enpproperty x /enpproperty x --> <!--enpproperty y/enpproperty-->", "<!--x--><!--  enpproperty z/enpproperty-->",
		"<!-- enpproperty a/enpproperty\v-->", "<!-- ENPPROPERTY a/enpproperty-->", "<!--\x0benpproperty a/enpproperty-->",
		"<!--<!--enpproperty a /enpproperty /enpproperty-->", "<!--enpproperty/enpproperty/enpproperty  -->", "<!--enpproperty-->/enpproperty-->",
	} {
		checkEnpComment(t, s)
	}
	n := 0
	err := filepath.WalkDir(fixture.Root(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".htm") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkEnpComment(t, string(data))
		if _, ok := enpComment(string(data)); ok {
			n++
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("%d fixture pages with the comment: %v", n, err)
	}
}

func FuzzEnpComment(f *testing.F) {
	f.Add("<!-- enpproperty <a>1</a> /enpproperty -->")
	f.Add("<!--enpproperty x /enpproperty x --> <!--enpproperty y/enpproperty-->")
	f.Fuzz(func(t *testing.T, s string) { checkEnpComment(t, s) })
}
