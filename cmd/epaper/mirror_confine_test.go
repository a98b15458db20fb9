package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyGIF is a 1×1 GIF; secretGIF is one with the machine's secret after it.
var (
	tinyGIF   = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	secret    = []byte("SECRET-OF-THE-MACHINE")
	secretGIF = append(append([]byte(nil), tinyGIF...), secret...)
)

// confinedMirror writes below root a mirror of an edition of one page, whose scan and PDF
// are at scan and pdf, and whose one article shows the pictures pics.
func confinedMirror(t *testing.T, root, scan, pdf string, pics ...string) {
	t.Helper()
	day := filepath.Join(root, "html", "test", "2021-04", "14", "001")
	page := `<html><head><meta charset="utf-8"><title>测试报</title><link rel="stylesheet" href="../../../../../css/a.css"></head><body>
<table id="pageList"><tr><td><a id="pageLink" href="node.htm">第001版：要闻</a></td><td><a href="` + pdf + `">PDF</a></td></tr></table>
<img src="` + scan + `" usemap="#m" width="100" height="100">
<map name="m"><area shape="rect" coords="0,0,100,100" href="content_1.htm"></map>
<table id="articleList"><tr><td><a href="content_1.htm">稿件一</a></td></tr></table>
</body></html>`
	var imgs strings.Builder
	for _, p := range pics {
		imgs.WriteString(`<p><img src="` + p + `"></p><p>图</p>`)
	}
	article := `<html><head><meta charset="utf-8"></head><body><founder-title>稿件一</founder-title><founder-content><p>正文。</p>` + imgs.String() + `</founder-content></body></html>`
	for p, data := range map[string][]byte{
		filepath.Join(day, "node.htm"):                 []byte(page),
		filepath.Join(day, "content_1.htm"):            []byte(article),
		filepath.Join(root, "res", "pic.gif"):          tinyGIF,
		filepath.Join(root, "page", "own", "scan.gif"): tinyGIF,
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// noSecret fails the test if any file of the site holds the machine's secret.
func noSecret(t *testing.T, site string) {
	t.Helper()
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(p); bytes.Contains(data, secret) {
				t.Errorf("%s holds a file from outside the mirror", p)
			}
		}
		return nil
	})
}

// Issue 13.5: a local mirror can publish no file of the machine. A mirror without a host
// folder whose page names absolute paths outside it as its scan, PDF and a picture, and a
// mirror with a host folder whose scan and PDF are symbolic links out of it: nothing of
// those files reaches the site; each is missing, "not in the mirror". And a mirror without a
// host folder keeps its own pictures. (A page file is the SOURCE: the import of a mirror's
// folder is tested elsewhere, and so the test runs as it is on the code before the fix.)
func TestMirrorPublishesNoFileOfTheMachine(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	for name, data := range map[string][]byte{"secret.gif": secretGIF, "secret.pdf": append([]byte("%PDF-1.4\n"), secret...)} {
		if err := os.WriteFile(filepath.Join(outside, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("absolute paths", func(t *testing.T) {
		t.Parallel()
		mirror := t.TempDir()
		confinedMirror(t, mirror, filepath.Join(outside, "secret.gif"), filepath.Join(outside, "secret.pdf"),
			"../../../../../res/pic.gif", filepath.Join(outside, "secret.gif"))
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "--site", site, filepath.Join(mirror, "html", "test", "2021-04", "14", "001", "node.htm"))
		if code == 2 || !strings.Contains(out, "1 edition (2021-04-14): 1 page, 1 article") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		noSecret(t, site)
		index := readFile(t, filepath.Join(site, "content", "test", "2021-04-14", "001", "_index.md"))
		for _, want := range []string{"part: scan", "not in the mirror: " + filepath.Join(mirror, outside, "secret.gif"), "part: pdf", "not in the mirror: " + filepath.Join(mirror, outside, "secret.pdf")} {
			if !strings.Contains(index, want) {
				t.Errorf("the page's bundle does not say %q:\n%s", want, index)
			}
		}
		art := filepath.Join(site, "content", "test", "2021-04-14", "001", "1")
		if got, err := os.ReadFile(filepath.Join(art, "img-1.gif")); err != nil || !bytes.Equal(got, tinyGIF) {
			t.Errorf("the mirror's own picture was not kept: %v", err)
		}
		md := readFile(t, filepath.Join(art, "index.md"))
		if !strings.Contains(md, "part: image") || !strings.Contains(md, "not in the mirror: "+filepath.Join(mirror, outside, "secret.gif")) || !strings.Contains(md, "url: http://unknown.invalid/html/test/2021-04/14/001/content_1.htm") {
			t.Errorf("the article's bundle:\n%s", md)
		}
	})
	// A page file given as SOURCE whose links climb above the folder its layout says is the
	// mirror's (user/mirror/html/test/…, links up to user/): the mirror stays user/mirror,
	// and user/secret.gif is not in it.
	t.Run("links climbing above the mirror", func(t *testing.T) {
		t.Parallel()
		user := t.TempDir()
		if err := os.WriteFile(filepath.Join(user, "secret.gif"), secretGIF, 0o644); err != nil {
			t.Fatal(err)
		}
		mirror := filepath.Join(user, "mirror")
		up := "../../../../../../secret.gif" // from html/test/2021-04/14/001/ to user/
		confinedMirror(t, mirror, up, "../../../../../../secret.pdf", "../../../../../res/pic.gif", up)
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "--paper", "test", "--site", site, filepath.Join(mirror, "html", "test", "2021-04", "14", "001", "node.htm"))
		if code == 2 || !strings.Contains(out, "1 edition (2021-04-14): 1 page, 1 article") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		noSecret(t, site)
		art := filepath.Join(site, "content", "test", "2021-04-14", "001", "1")
		if got, err := os.ReadFile(filepath.Join(art, "img-1.gif")); err != nil || !bytes.Equal(got, tinyGIF) {
			t.Errorf("the mirror's own picture was not kept: %v", err)
		}
		if md := readFile(t, filepath.Join(art, "index.md")); !strings.Contains(md, "not in the mirror: "+filepath.Join(mirror, "secret.gif")) {
			t.Errorf("the picture above the mirror is not missing, not in the mirror:\n%s", md)
		}
	})
	t.Run("symbolic links", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		mirror := filepath.Join(dir, "epaper.test.cn")
		confinedMirror(t, mirror, "../../../../../page/scan.gif", "../../../../../page/page.pdf", "../../../../../res/pic.gif")
		up, err := filepath.Rel(filepath.Join(mirror, "page"), filepath.Join(outside, "secret.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		for link, target := range map[string]string{"scan.gif": filepath.Join(outside, "secret.gif"), "page.pdf": up} {
			if err := os.Symlink(target, filepath.Join(mirror, "page", link)); err != nil {
				t.Fatal(err)
			}
		}
		site := t.TempDir()
		out, errOut, code := runEpaper(t, "import", "--site", site, filepath.Join(mirror, "html", "test", "2021-04", "14", "001", "node.htm"))
		if code == 2 || !strings.Contains(out, "1 edition (2021-04-14): 1 page, 1 article") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		noSecret(t, site)
		index := readFile(t, filepath.Join(site, "content", "test", "2021-04-14", "001", "_index.md"))
		if strings.Count(index, "a link that leads out of the mirror") != 2 {
			t.Errorf("the page's bundle does not name the two links out of the mirror:\n%s", index)
		}
	})
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
