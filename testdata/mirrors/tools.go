package mirrors

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/testdata/families"
)

// toolWriter writes files where a tool puts them.
type toolWriter struct {
	dir, host, root string
	o               Options
	files           int
	bytes           int64
	urls            []string // every URL written, for HTTrack's cache listing
	crawled         time.Time
}

func newToolWriter(dir string, o Options, host string) *toolWriter {
	w := &toolWriter{dir: dir, host: host, o: o}
	switch o.Tool {
	case WgetNoHost:
		w.root = dir
	case HTTrack:
		w.root = filepath.Join(dir, o.Project, host)
	default:
		w.root = filepath.Join(dir, host)
	}
	// The crawl ran at 02:00 the morning after the last day, so that the comments are the
	// same bytes on every run.
	w.crawled = o.Start.AddDate(0, 0, o.Days).Add(2 * time.Hour).UTC()
	return w
}

// local is the path of mirror file p ("HOST/html/…") below the site root.
func (w *toolWriter) local(p string) string {
	_, rest, _ := strings.Cut(p, "/")
	return rest
}

func (w *toolWriter) write(f families.File) error {
	if !strings.HasPrefix(f.Path, w.host+"/") {
		return fmt.Errorf("mirrors: %s is not on %s", f.Path, w.host)
	}
	rel := w.local(f.Path)
	data := f.Data
	if w.o.Tool == HTTrack && isHTML(rel) {
		data = httrackComment(data, w.host+"/"+rel, w.crawled)
	}
	w.urls = append(w.urls, "http://"+w.host+"/"+rel)
	w.files++
	w.bytes += int64(len(data))
	return writeFile(filepath.Join(w.root, filepath.FromSlash(rel)), data)
}

func isHTML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".htm" || ext == ".html"
}

// httrackTime is how HTTrack writes times: RFC 1123 in GMT.
const httrackTime = "Mon, 02 Jan 2006 15:04:05 GMT"

var reHTMLTag = regexp.MustCompile(`(?i)<html[^>]*>`)

// httrackComment inserts what HTTrack writes into every HTML page it saves, after the <html>
// tag: where the page was mirrored from and when, and the charset it was served with.
func httrackComment(data []byte, from string, when time.Time) []byte {
	c := fmt.Sprintf("\n<!-- Mirrored from %s by HTTrack Website Copier/3.x [XR&CO'2014], %s -->\n"+
		"<!-- Added by HTTrack --><meta http-equiv=\"content-type\" content=\"text/html;charset=UTF-8\" /><!-- /Added by HTTrack -->\n",
		from, when.Format(httrackTime))
	loc := reHTMLTag.FindIndex(data)
	if loc == nil {
		return append([]byte(c), data...)
	}
	var b bytes.Buffer
	b.Write(data[:loc[1]])
	b.WriteString(c)
	b.Write(data[loc[1]:])
	return b.Bytes()
}

// finish writes what the tool writes besides the site: HTTrack's project files.
func (w *toolWriter) finish(m *Mirror) error {
	if w.o.Tool != HTTrack {
		return nil
	}
	start := m.Index
	if start == "" {
		start = strings.TrimPrefix(m.Editions[0].FirstPage, "http://"+w.host+"/")
	}
	project := filepath.Join(w.dir, w.o.Project)
	stamp := w.crawled.Format(httrackTime)
	var cache strings.Builder
	cache.WriteString("date\tsize'/'remotesize\tflags(request:Update,Range state:File response:Modified,Chunked,gZipped)\tstatuscode\tstatus ('servermsg')\tMIME\tEtag|Date\tURL\tlocalfile\t(from URL)\n")
	for _, u := range w.urls {
		local := w.o.Project + "/" + strings.TrimPrefix(u, "http://")
		fmt.Fprintf(&cache, "%s\t-/-\t---M--\t200\tadded ('OK')\tunknown\tdate:%s\t%s\t%s\t(from )\n",
			w.crawled.Format("15:04:05"), stamp, u, local)
	}
	files := map[string]string{
		filepath.Join(w.dir, "index.html"):   fmt.Sprintf(httrackTop, w.o.Project+"/index.html", w.o.Project),
		filepath.Join(project, "index.html"): fmt.Sprintf(httrackProject, w.host+"/"+start, w.o.Project),
		filepath.Join(project, "hts-log.txt"): fmt.Sprintf("HTTrack3.49-2+htsswf+htsjava launched on %s at http://%s/%s -O \"%s\"\n(httrack http://%s/%s -O \"%s\" )\nInformation, Warnings and Errors reported for this mirror:\nHTTrack Website Copier/3.49-2 mirror complete in 1 minutes 2 seconds : %d links scanned, %d files written\n",
			stamp, w.host, start, w.o.Project, w.host, start, w.o.Project, len(w.urls), len(w.urls)),
		filepath.Join(project, "hts-cache", "doit.log"): fmt.Sprintf("-qwC2%%Ps2u1%%s%%uN0%%I0p3DaK0H0%%kf2A25000%%f#f -F \"Mozilla/4.5 (compatible; HTTrack 3.0x; Windows 98)\" -%%F \"<!-- Mirrored from %%s%%s by HTTrack Website Copier/3.x [XR&CO'2014], %%s -->\" -%%l \"en, *\" http://%s/%s -O1 \"%s\" +*.png +*.gif +*.jpg +*.jpeg +*.css +*.js -ad.doubleclick.net/*\nFile generated automatically on %s, do NOT edit\n", w.host, start, w.o.Project, stamp),
		filepath.Join(project, "hts-cache", "new.txt"):  cache.String(),
		filepath.Join(project, "hts-cache", "new.lst"):  "[" + strings.Join(w.urls, "]\n[") + "]\n",
	}
	for _, dir := range []string{w.dir, project} {
		files[filepath.Join(dir, "backblue.gif")] = string(tinyGIF)
		files[filepath.Join(dir, "fade.gif")] = string(tinyGIF)
	}
	for p, s := range files {
		if err := writeFile(p, []byte(s)); err != nil {
			return err
		}
		w.files++
		w.bytes += int64(len(s))
	}
	return nil
}

// tinyGIF is a 1×1 GIF, standing for HTTrack's backblue.gif and fade.gif.
var tinyGIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

const httrackTop = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>List of available projects - HTTrack Website Copier</title>
</head>
<body>
<h1>Index of locally available projects:</h1>
<table border="0" width="100%%">
<tr><td>&middot; <a href="%s">%s</a></td></tr>
</table>
<!-- Mirror and index made by HTTrack Website Copier/3.49-2 [XR&CO'2014] -->
</body>
</html>
`

const httrackProject = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Local index - HTTrack Website Copier</title>
</head>
<body background="backblue.gif">
<h1>Index of locally available sites:</h1>
<table border="0" width="100%%">
<tr><td>&middot; <a href="%s">%s</a></td></tr>
</table>
<!-- Mirror and index made by HTTrack Website Copier/3.49-2 [XR&CO'2014] -->
</body>
</html>
`
