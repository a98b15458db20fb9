package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// hostileRoot is a copy of the fixture site whose pages name another host (evil, such as
// "http://127.0.0.1:4321") for a page of the page list, an article of the image map, page
// 005's PDF, page 006's scan and article 268821's image, and a cloud metadata address.
func hostileRoot(t *testing.T, evil string) string {
	t.Helper()
	root := copyRoot(t)
	edit := func(rel string, pairs ...string) { editPage(t, root, rel, pairs...) }
	edit("005/node.htm",
		"href=../007/node.htm", "href="+evil+"/html/cqrb/2021-04/14/007/node.htm",
		`href=../../../../../page/cqrb/2021-04/14/005/cqrb20210414005.pdf`, "href="+evil+"/page/cqrb/2021-04/14/005/cqrb20210414005.pdf",
		`<Area shape="polygon" coords="10,485,390,485,390,590,10,590" href="content_268824.htm">`,
		`<Area shape="polygon" coords="10,485,390,485,390,590,10,590" href="content_268824.htm">`+
			`<Area shape="polygon" coords="1,1,2,1,2,2" href="`+evil+`/html/cqrb/2021-04/14/005/content_268899.htm">`+
			`<Area shape="polygon" coords="3,3,4,3,4,4" href="http://169.254.169.254/latest/meta-data/content_999.htm">`)
	edit("006/node.htm", "src=../../../../../page/cqrb/2021-04/14/006/cqrb20210414006.jpg", "src="+evil+"/page/cqrb/2021-04/14/006/cqrb20210414006.jpg")
	edit("005/content_268821.htm", "../../../../../res/1/20210414/1618357891234.jpg", evil+"/res/1/20210414/1618357891234.jpg")
	return root
}

// The importer fetches only from the edition's host (issue 13.4): a page, an article, a PDF
// or a scan that a page names on another host is not fetched, and reported; an image on
// another host is recorded as external. --allow-host lets the importer fetch from a host.
func TestImportFetchesOnlyFromTheEditionsHost(t *testing.T) {
	t.Parallel()
	evil := fixture.NewServer(fixture.Root())
	defer evil.Close()
	srv := fixture.NewServer(hostileRoot(t, evil.URL()))
	defer srv.Close()
	site := t.TempDir()
	src := srv.URL() + "/html/cqrb/2021-04/14/005/node.htm"
	out, errOut, code := runEpaper(t, "import", "--rate", "0", "--timeout", "3s", "--retries", "0", "--site", site, src)
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	if reqs := evil.Requests(); len(reqs) > 0 {
		t.Errorf("%d requests to another host, the first %v", len(reqs), reqs[0])
	}
	for _, u := range []string{"/html/cqrb/2021-04/14/007/node.htm", "/page/cqrb/2021-04/14/005/cqrb20210414005.pdf",
		"/html/cqrb/2021-04/14/005/content_268899.htm", "/page/cqrb/2021-04/14/006/cqrb20210414006.jpg"} {
		if !strings.Contains(errOut, evil.URL()+u) {
			t.Errorf("stderr does not name %s as not fetched:\n%s", u, errOut)
		}
	}
	if !strings.Contains(errOut, "169.254.169.254") {
		t.Errorf("stderr does not name the metadata address as not fetched:\n%s", errOut)
	}
	ed := filepath.Join(site, "content", "cqrb", "2021-04-14")
	for _, gone := range []string{"007", filepath.Join("005", "page.pdf"), filepath.Join("006", "scan.jpg"), filepath.Join("005", "content_999"), filepath.Join("005", "999")} {
		if _, err := os.Stat(filepath.Join(ed, gone)); err == nil {
			t.Errorf("%s was imported from another host", gone)
		}
	}
	if s := readFile(t, filepath.Join(ed, "005", "268821", "index.md")); !strings.Contains(s, "part: external image") || !strings.Contains(s, evil.URL()+"/res/") {
		t.Errorf("the image on another host is not recorded as external:\n%s", s)
	}
	// allowed by name, the other host is fetched from
	host := strings.TrimPrefix(evil.URL(), "http://")
	out, errOut, _ = runEpaper(t, "import", "--rate", "0", "--timeout", "3s", "--retries", "0", "--allow-host", host, "--site", site, src)
	if _, err := os.Stat(filepath.Join(ed, "005", "268821", "img-1.jpg")); err != nil {
		t.Errorf("--allow-host %s: the image was not fetched: %v\n%s%s", host, err, out, errOut)
	}
}

// copyRoot copies the fixture site into a folder of the test's own.
func copyRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "root")
	if err := os.CopyFS(root, os.DirFS(fixture.Root())); err != nil {
		t.Fatal(err)
	}
	return root
}

// editPage replaces, in the file rel of the edition's folder of root, each pairs[i] with
// pairs[i+1], once.
func editPage(t *testing.T, root, rel string, pairs ...string) {
	t.Helper()
	p := filepath.Join(root, "html", "cqrb", "2021-04", "14", filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s holds no %q", rel, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
