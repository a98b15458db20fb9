package importer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/epaper-archive/epaper/importer/archive"
	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

// findEdition follows the redirects of index pages from start (a paper's index points at
// its newest edition so) to a page of an edition: a <meta> refresh, or a script that sets
// location, on a page that is not an edition's page itself. At most 5 hops; a loop is an
// error naming the chain.
func (im *Importer) findEdition(ctx context.Context, start string) (*decoded, error) {
	chain := []string{start}
	im.sources.add(start)
	for u := start; ; {
		if err := im.fetchable(u); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoEdition, err)
		}
		d, err := im.fetchHTML(ctx, u, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoEdition, err)
		}
		base, _ := url.Parse(d.url)
		next := extract.ExtractRefresh(d.text, base)
		var p *extract.Page
		if next == "" || next == d.url {
			next = ""
			if p, err = extract.ExtractPageWith(im.profiles(), d.text, base); err != nil {
				next = extract.ExtractScriptRedirect(d.text, base)
			}
		}
		switch {
		case next == "" && p != nil:
			d.page, d.isPage = p, !p.FromArticle
			return d, nil
		case next == "":
			return nil, fmt.Errorf("%w: %w", ErrNoEdition, err)
		case slices.Contains(chain, next):
			return nil, fmt.Errorf("%w: a redirect loop: %s → %s", ErrNoEdition, strings.Join(chain, " → "), next)
		case len(chain) > 5:
			return nil, fmt.Errorf("%w: more than 5 redirects: %s → %s", ErrNoEdition, strings.Join(chain, " → "), next)
		}
		chain = append(chain, next)
		u = next
	}
}

// ErrNoPaperCode means that nothing says a page's paper code: the mirror it is in has no
// host folder (its URLs are of archive.UnknownHost) and its path holds no code. Options.Paper
// gives one.
var ErrNoPaperCode = errors.New("no paper code")

// identify settles the paper's code and name of an extracted page: Options.Paper and
// PaperName when given; in a mirror without a host, the code its path holds, for the host
// that would give one is not known.
func (im *Importer) identify(p *extract.Page) error {
	code := p.Paper
	if im.opt.Paper != "" {
		code = im.opt.Paper
	} else if u, err := url.Parse(p.URL); err == nil && strings.EqualFold(u.Host, archive.UnknownHost) {
		code = archive.ClassifyPathWith(im.opt.Profiles, u.Path).Paper
		if code == "" {
			return fmt.Errorf("%w in %s: the mirror has no host folder, and the path holds no code (as html/PAPER/… or PAPER/html/… would): give it (epaper import --paper CODE), or the mirror's host (--host HOST)", ErrNoPaperCode, p.URL)
		}
	}
	if p.PaperName == p.Paper { // no name but the code the page was read with
		p.PaperName = code
	}
	p.Paper = code
	if im.opt.PaperName != "" {
		p.PaperName = im.opt.PaperName
	}
	return nil
}

// editionOf is the bundle of the edition whose page entry is, the paper's code and name
// settled (identify).
func (im *Importer) editionOf(entry *decoded) (bundle.Ref, error) {
	ed := entry.page
	if err := im.identify(ed); err != nil {
		return bundle.Ref{}, err
	}
	if err := bundle.CheckPaper(ed.Paper); err != nil {
		return bundle.Ref{}, fmt.Errorf("%s: %w: pass --paper CODE", ed.URL, err)
	}
	return bundle.Ref{Paper: ed.Paper, Edition: ed.Date.Format(time.DateOnly)}, nil
}
