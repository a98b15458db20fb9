package importer

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/extract"
)

// keepOnce keeps an article published on two pages of an edition under two ids (Founder's
// pad pages do this) once: two article bundles of the edition with the same title and the
// same body are one article. The first in page order is kept; the later one's bundle is
// removed, and its page's articles: entry points at the kept one (bundle: PAGE/ID), so that
// both pages list and link it. The report's item of the later one names the kept bundle.
func (im *Importer) keepOnce(edition bundle.Ref, pages []extract.PageRef, rep *Report) error {
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
			var am bundle.Article
			abody, err := bundle.ReadFile(art.Index(im.content), &am)
			if err != nil {
				continue
			}
			key := am.Title + "\x00" + bundle.Digest(abody)
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
