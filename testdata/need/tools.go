package need

import (
	"bytes"
	"os/exec"
	"strconv"
	"testing"
)

// EPUBCheck runs Debian's epubcheck on file and fails t on any error or warning; without
// epubcheck it skips t (or fails it under EPAPER_REQUIRE).
func EPUBCheck(t testing.TB, file string) {
	t.Helper()
	bin := Program(t, "epubcheck")
	// Debian's epubcheck is an executable jar: run it with java where binfmt is not set up.
	cmd := exec.Command(bin, "-q", file)
	if java, err := exec.LookPath("java"); err == nil {
		cmd = exec.Command(java, "-jar", bin, "-q", file)
	}
	out, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
		t.Errorf("epubcheck %s: %v\n%s", file, err, out)
	}
}

// PDFInk renders page (1-based) of the PDF file with pdftoppm (poppler-utils) in grey and
// returns the share of its pixels that are not near white; without pdftoppm it skips t (or
// fails it under EPAPER_REQUIRE).
func PDFInk(t testing.TB, file string, page int) float64 {
	t.Helper()
	bin := Program(t, "pdftoppm")
	n := strconv.Itoa(page)
	out, err := exec.Command(bin, "-gray", "-r", "30", "-f", n, "-l", n, file).Output()
	if err != nil {
		t.Fatalf("pdftoppm %s page %d: %v", file, page, err)
	}
	// PGM: "P5\nW H\n255\n" then the pixels
	f := bytes.Fields(out[:min(len(out), 40)])
	if len(f) < 4 || string(f[0]) != "P5" {
		t.Fatalf("pdftoppm %s page %d: not a PGM", file, page)
	}
	w, _ := strconv.Atoi(string(f[1]))
	h, _ := strconv.Atoi(string(f[2]))
	if w*h == 0 || w*h > len(out) {
		t.Fatalf("pdftoppm %s page %d: a PGM of %d×%d in %d bytes", file, page, w, h, len(out))
	}
	dark := 0
	for _, v := range out[len(out)-w*h:] {
		if v < 200 {
			dark++
		}
	}
	return float64(dark) / float64(w*h)
}

// PDFText returns the text of page (1-based) of the PDF file, by pdftotext (poppler-utils,
// with pdftoppm); without it it skips t (or fails it under EPAPER_REQUIRE).
func PDFText(t testing.TB, file string, page int) string {
	t.Helper()
	Program(t, "pdftoppm")
	n := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-f", n, "-l", n, file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s page %d: %v", file, page, err)
	}
	return string(out)
}
