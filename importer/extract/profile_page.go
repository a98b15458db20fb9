package extract

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ExtractPageWith reads a page (版) with the profile among ps that detects it (Generic, the
// heuristics of ExtractPage, when none does); Page.Profile names it.
func ExtractPageWith(ps []*Profile, body string, pageURL *url.URL) (*Page, error) {
	p, _, err := ProbePage(ps, body, pageURL)
	return p, err
}

// ProbePage is ExtractPageWith, and says which profile was chosen and why (epaper probe).
// Detection.Profile is the one chosen; Page.Profile the one that read the page (Generic
// where the chosen one could not).
func ProbePage(ps []*Profile, body string, pageURL *url.URL) (*Page, Detection, error) {
	doc, err := parse(body)
	if err != nil {
		return nil, Detection{}, fmt.Errorf("%s: parse: %w", pageURL, err)
	}
	d := detect(ps, pageURL, doc)
	p, err := readDetected(d, doc, pageURL)
	return p, d, err
}

func readDetected(d Detection, doc sel, pageURL *url.URL) (*Page, error) {
	if d.Profile == nil || d.Profile.Name == Generic {
		p, err := extractGenericPage(doc, pageURL)
		if p != nil {
			p.FromArticle = ArticleID(pageURL.String()) != ""
		}
		if err != nil && len(d.Rejected) > 0 {
			return nil, fmt.Errorf("%w (profiles: %s)", err, strings.Join(d.Rejected, "; "))
		}
		if p != nil {
			p.Profile = Generic
			if name := NameFromTitle(cleanText(doc.find(selTitle).first().text())); name != "" {
				p.PaperName, p.PaperNameFrom = name, "title"
			}
		}
		return p, err
	}
	p, err := d.Profile.readPage(doc, pageURL)
	if err == nil {
		return p, nil
	}
	// the profile accepted the page but could not read it: the heuristics may
	if g, gerr := extractGenericPage(doc, pageURL); gerr == nil {
		g.Profile, g.FromArticle = Generic, ArticleID(pageURL.String()) != ""
		return g, nil
	}
	return nil, err
}

// readPage reads a page with the profile.
func (pr *Profile) readPage(doc sel, u *url.URL) (*Page, error) {
	p := &Page{URL: u.String(), Profile: pr.Name, FromArticle: pr.Match.Article != "" && pr.re(pr.Match.Article).MatchString(u.Path)}
	seen := map[string]bool{}
	doc.find(pr.sel(pr.Page.List.Item)).each(func(item sel) {
		a := item
		if pr.Page.List.Link != "" {
			a = item.find(pr.sel(pr.Page.List.Link)).first()
		}
		href := resolve(u, a.attrOr("href", ""))
		if href == "" || seen[href] {
			return
		}
		ref := PageRef{URL: href, Num: group(pr.re(pr.Page.List.Pattern), flatText(a), "code"), Name: group(pr.re(pr.Page.List.Pattern), flatText(a), "name")}
		if ref.Num == "" {
			return
		}
		if pr.Page.List.PDF != "" {
			ref.PDFURL = resolve(u, item.find(pr.sel(pr.Page.List.PDF)).first().attrOr("href", ""))
		}
		seen[href] = true
		p.Pages = append(p.Pages, ref)
	})
	_, g, _ := pr.value([]Source{pr.Page.Current}, doc, u, nil)
	p.Num, p.Name = g["code"], g["name"]
	if p.Num == "" && pr.Match.Article != "" && pr.re(pr.Match.Article).MatchString(u.Path) {
		p.Num, p.Name = articlePageNum(doc, p.Pages)
	}
	if len(p.Pages) == 0 {
		return nil, fmt.Errorf("%s: no page list: profile %s: page.list.item %q matches nothing", u, pr.Name, pr.Page.List.Item)
	}
	if p.Num == "" {
		return nil, fmt.Errorf("%s: no page number: profile %s: page.current %q gives none", u, pr.Name, pr.Page.Current.Select)
	}
	p.Paper, _ = pr.paperCode(u)
	p.PaperName, _, p.PaperNameFrom = pr.value(pr.Paper.Name, doc, u, func(s string) bool { return siteWords[s] })
	if p.PaperName == "" {
		p.PaperName = p.Paper
	}
	var err error
	if p.Date, err = pr.date(doc, u); err != nil {
		return nil, err
	}
	index := map[string]bool{}
	if pr.Page.Articles != "" {
		doc.find(pr.sel(pr.Page.Articles)).each(func(a sel) {
			href := resolve(u, a.attrOr("href", ""))
			id := pr.ArticleID(href)
			if id == "" || index[href] {
				return
			}
			index[href] = true
			ref := ArticleRef{URL: href, ID: id, Title: flatText(a), TitleFrom: "list"}
			if ref.Title == "" {
				ref.TitleFrom = ""
			}
			p.Articles = append(p.Articles, ref)
		})
	}
	if pr.Page.Scan != "" {
		if img := doc.find(pr.sel(pr.Page.Scan)).first(); img.length() > 0 {
			p.ScanURL = resolve(u, img.attrOr("src", ""))
			p.ScanW, _ = strconv.Atoi(strings.TrimSpace(img.attrOr("width", "")))
			p.ScanH, _ = strconv.Atoi(strings.TrimSpace(img.attrOr("height", "")))
			readMap(doc, img, u, p, func(t string) string {
				if id := pr.ArticleID(t); id != "" {
					return id
				}
				if index[t] {
					return ArticleID(t)
				}
				return ""
			})
		}
	}
	if pr.Page.PDF != "" {
		p.PDFURL = resolve(u, doc.find(pr.sel(pr.Page.PDF)).first().attrOr("href", ""))
	}
	if p.PDFURL == "" {
		for _, ref := range p.Pages {
			if ref.Num == p.Num {
				p.PDFURL = ref.PDFURL
			}
		}
	}
	return p, nil
}

// articlePageNum is the page an article page belongs to when the profile's page.current is
// not on it: the entry of the page list marked as the current one, else the first.
func articlePageNum(doc sel, pages []PageRef) (string, string) {
	if len(pages) > 0 {
		return pages[0].Num, pages[0].Name
	}
	return "", ""
}
