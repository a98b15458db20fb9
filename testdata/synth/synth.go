// Package synth generates a realistic archive of a daily for benchmarks: N days of 重庆日报 as a
// local mirror of its Founder e-paper, in the format of testdata/fixture (the same HTML
// template, URL layout and model), at the sizes of the real thing: 16 pages of 8 articles a
// day by default, bodies of about 1,500 characters of plausible Chinese in paragraphs, a scan
// JPEG of about 200 KB and a PDF per page, an image map over each scan, a photo in one article
// of four.
//
// Everything is drawn from a PCG (math/rand/v2) seeded with the seed and the day, so the same
// options give a byte-identical mirror, and a day's edition does not depend on the days
// generated before it (the first 30 days of a 480-day archive are the 30-day archive).
//
// What is where: synth.go (Options, Edition, Write), text.go (the vocabulary), scan.go (the
// scans), cache.go (archives and imported sites kept between benchmark runs), gen/ (the
// command), benchrun/ (make bench).
package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/epaper-archive/epaper/testdata/fixture"
)

// CST is China Standard Time, the zone of edition dates.
var CST = time.FixedZone("CST", 8*3600)

// Options say what archive to generate.
type Options struct {
	Start    time.Time // the first day; zero: 2020-01-01 (CST)
	Days     int       // editions, one a day
	Pages    int       // pages (版) per edition; 0: 16
	Articles int       // articles per page; 0: 8
	Seed     uint64
}

// Defaults of Options.
const (
	DefaultPages    = 16
	DefaultArticles = 8
	BodyChars       = 1500 // characters of an article body, on average
)

// DefaultStart is the first day when Options.Start is zero.
var DefaultStart = time.Date(2020, time.January, 1, 0, 0, 0, 0, CST)

// WithDefaults returns o with its zero values replaced by the defaults.
func (o Options) WithDefaults() Options {
	if o.Start.IsZero() {
		o.Start = DefaultStart
	}
	y, m, d := o.Start.Date()
	o.Start = time.Date(y, m, d, 0, 0, 0, 0, CST)
	if o.Pages <= 0 {
		o.Pages = DefaultPages
	}
	if o.Articles <= 0 {
		o.Articles = DefaultArticles
	}
	return o
}

// End is the last day of the archive.
func (o Options) End() time.Time { o = o.WithDefaults(); return o.Start.AddDate(0, 0, o.Days-1) }

// ArticleCount is the number of articles of the archive.
func (o Options) ArticleCount() int { o = o.WithDefaults(); return o.Days * o.Pages * o.Articles }

// Key names the archive in a cache: start, days, pages, articles and seed.
func (o Options) Key() string {
	o = o.WithDefaults()
	return fmt.Sprintf("%s-d%d-p%d-a%d-s%d", o.Start.Format("20060102"), o.Days, o.Pages, o.Articles, o.Seed)
}

// Paper is the paper of the archive: 重庆日报 on epaper.cqrb.cn, as in the fixture.
func Paper() fixture.Paper { return fixture.CQRB20210414().Paper }

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// Edition returns day d (0-based) of the archive.
func Edition(o Options, d int) fixture.Edition {
	o = o.WithDefaults()
	date := o.Start.AddDate(0, 0, d)
	t := text{rand.New(rand.NewPCG(o.Seed, uint64(d)))}
	e := fixture.Edition{Paper: Paper(), Date: date, Weekday: weekdays[date.Weekday()]}
	for p := range o.Pages {
		name := "专版"
		if p < len(pageNames) {
			name = pageNames[p]
		}
		page := fixture.Page{
			Num: fmt.Sprintf("%03d", p+1), Name: name, Charset: "utf-8", NodeID: strconv.Itoa(p + 2),
			HasMap: true, HasPDF: true, Scan: scanSize, Display: displaySize, Masthead: p == 0,
		}
		key := pageLayout(o, p)
		for i, block := range blocks(key) {
			id := 100000 + (d*o.Pages+p)*o.Articles + i
			a := fixture.Article{
				ID:    strconv.Itoa(id),
				Title: t.title(),
				Block: fixture.Rect(block.Min.X, block.Min.Y, block.Max.X, block.Max.Y),
			}
			if t.r.IntN(10) < 3 {
				a.IntroTitle = t.pick(objects) + "交出新答卷"
			}
			if t.r.IntN(100) < 15 {
				a.SubTitle = "——访" + t.pick(orgs) + "负责人" + t.name()
			}
			a.Paragraphs = t.paragraphs(BodyChars)
			switch n := t.r.IntN(10); {
			case n < 6:
				a.Author = "本报记者 " + t.name()
			case n < 7:
				a.Author = "本报记者 " + t.name() + " 通讯员 " + t.name()
			case n < 8: // the byline in the body, as some papers print it
				a.Paragraphs = append(a.Paragraphs, "■ 本报记者 "+t.name())
			}
			if t.r.IntN(3) == 0 {
				a.Keyword = t.pick(objects) + "," + t.pick(objects)
			}
			if t.r.IntN(4) == 0 {
				a.Image = &fixture.Image{
					Name:    a.ID + ".jpg",
					Caption: t.pick(places) + t.pick(objects) + "现场。 本报记者 " + t.name() + " 摄",
					Size:    photoSize,
				}
			}
			page.Articles = append(page.Articles, a)
		}
		e.Pages = append(e.Pages, page)
	}
	return e
}

// pageLayout is the scan layout of page p: three variants, the masthead on 头版.
func pageLayout(o Options, p int) layoutKey {
	return layoutKey{articles: o.Articles, variant: p % 3, masthead: p == 0}
}

// Stats count what Write wrote.
type Stats struct {
	Editions, Pages, Articles int
	Files                     int
	Bytes                     int64
}

// Write writes the archive o as a mirror below dir, the host folder (dir/html/cqrb/…,
// dir/page/…, dir/res/…), like fixture.Write but for many editions: the paper's index points
// at the last day. Days are written concurrently; what is written does not depend on it.
func Write(dir string, o Options) (Stats, error) {
	o = o.WithDefaults()
	if o.Days < 1 {
		return Stats{}, errors.New("synth: no days to write")
	}
	w := &writer{dir: dir, opt: o}
	tmpl, err := fixture.TemplateFiles()
	if err != nil {
		return Stats{}, err
	}
	for _, f := range tmpl {
		if err := w.write(f.Path, f.Data); err != nil {
			return Stats{}, err
		}
	}
	days := make(chan int)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for d := range days {
				if err := w.edition(Edition(o, d)); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for d := range o.Days {
		days <- d
	}
	close(days)
	wg.Wait()
	select {
	case err := <-errs:
		return Stats{}, err
	default:
	}
	last := Edition(o, o.Days-1)
	index, err := fixture.IndexHTML(last)
	if err != nil {
		return Stats{}, err
	}
	if err := w.write(last.IndexPath(), index); err != nil {
		return Stats{}, err
	}
	w.stats.Editions = o.Days
	return w.stats, nil
}

type writer struct {
	dir   string
	opt   Options
	scans scans

	mu     sync.Mutex
	stats  Stats
	photos map[fixture.Size][]byte
}

func (w *writer) write(path string, data []byte) error {
	name := filepath.Join(w.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	w.mu.Lock()
	w.stats.Files++
	w.stats.Bytes += int64(len(data))
	w.mu.Unlock()
	return nil
}

// photo returns the placeholder photo of a size, drawn once.
func (w *writer) photo(s fixture.Size) ([]byte, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if data, ok := w.photos[s]; ok {
		return data, nil
	}
	data, err := fixture.PhotoJPEG(fixture.Image{Size: s})
	if err != nil {
		return nil, err
	}
	if w.photos == nil {
		w.photos = map[fixture.Size][]byte{}
	}
	w.photos[s] = data
	return data, nil
}

// edition writes one edition's files, in the order of fixture.Files.
func (w *writer) edition(e fixture.Edition) error {
	for i, p := range e.Pages {
		node, err := fixture.NodeHTML(e, i)
		if err != nil {
			return err
		}
		if err := w.write(e.PagePath(p), node); err != nil {
			return err
		}
		for j, a := range p.Articles {
			content, err := fixture.ContentHTML(e, i, j)
			if err != nil {
				return err
			}
			if err := w.write(e.ArticlePath(p, a), content); err != nil {
				return err
			}
		}
		scan, err := w.scans.get(pageLayout(w.opt, i))
		if err != nil {
			return err
		}
		if err := w.write(e.ScanPath(p), scan); err != nil {
			return err
		}
		if err := w.write(e.PDFPath(p), fixture.PagePDF(e, p)); err != nil {
			return err
		}
		for _, a := range p.Articles {
			if a.Image == nil {
				continue
			}
			photo, err := w.photo(a.Image.Size)
			if err != nil {
				return err
			}
			if err := w.write(e.ImagePath(*a.Image), photo); err != nil {
				return err
			}
		}
	}
	w.mu.Lock()
	w.stats.Pages += len(e.Pages)
	for _, p := range e.Pages {
		w.stats.Articles += len(p.Articles)
	}
	w.mu.Unlock()
	return nil
}
