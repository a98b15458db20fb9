package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

// keepOnce keeps an article published on two pages of an edition under two ids (Founder's
// pad pages do this) once: two article bundles of the edition with the same title and the
// same body are one article. The first in page order is kept; the later one's bundle is
// removed, and its page's articles: entry points at the kept one (bundle: PAGE/ID), so that
// both pages list and link it. The report's item of the later one names the kept bundle.
func (im *Importer) keepOnce(edition bundle.Ref, pages []extract.PageRef, rep *Report) error {
	defer im.written.drop(edition.Rel() + "/")
	first := map[string]string{} // title and body digest → PAGE/ID of the kept bundle
	for _, ref := range pages {
		page := edition
		page.Page = ref.Num
		if page.Check() != nil {
			continue
		}
		var m bundle.Page
		body, err := bundle.ReadFile(page.Index(im.content), &m)
		if err != nil {
			continue // a page not imported
		}
		changed := false
		for i, a := range m.Articles {
			if !a.Archived || a.Bundle != "" || bundle.CheckName(a.ID) != nil {
				continue
			}
			art := page
			art.Article = a.ID
			key, ok := im.written.take(art.Rel())
			if !ok { // not written by this run: read its bundle
				var am bundle.Article
				abody, err := bundle.ReadFile(art.Index(im.content), &am)
				if err != nil {
					continue
				}
				key = sameKey(am.Title, bundle.Digest(abody))
			}
			kept, ok := first[key]
			if !ok {
				first[key] = ref.Num + "/" + a.ID
				continue
			}
			if err := os.RemoveAll(art.Dir(im.content)); err != nil {
				return err
			}
			m.Articles[i].Bundle, changed = kept, true
			for j, it := range rep.Items {
				if it.Bundle == art.Rel() {
					rep.Items[j].Bundle = edition.Rel() + "/" + kept
				}
			}
			fmt.Fprintf(im.opt.Log, "page %s: article %s is %s, kept once\n", ref.Num, a.ID, kept)
		}
		if !changed {
			continue
		}
		doc, err := bundle.Encode(m, string(body))
		if err != nil {
			return err
		}
		if err := bundle.WriteBranch(filepath.Dir(page.Index(im.content)), map[string][]byte{bundle.BranchIndex: doc}); err != nil {
			return err
		}
	}
	return nil
}

// sameKey is what two bundles of one article have in common: the title and the body's digest.
func sameKey(title, bodyDigest string) string { return title + "\x00" + bodyDigest }

// writtenArticles holds the sameKey of every article bundle written by the editions being
// imported, until keepOnce takes it: keepOnce then need not read back (and decode) the
// bundles an import has just written.
type writtenArticles struct {
	mu   sync.Mutex
	keys map[string]string // bundle (Ref.Rel) → sameKey
}

func (w *writtenArticles) put(rel, key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.keys[rel] = key
}

func (w *writtenArticles) take(rel string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	key, ok := w.keys[rel]
	delete(w.keys, rel)
	return key, ok
}

// drop forgets the bundles under prefix (an edition's, once keepOnce is done with it).
func (w *writtenArticles) drop(prefix string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for rel := range w.keys {
		if strings.HasPrefix(rel, prefix) {
			delete(w.keys, rel)
		}
	}
}
