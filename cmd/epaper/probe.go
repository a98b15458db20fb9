package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/extract"
	"github.com/epaper-archive/epaper/importer/fetch"
)

func probeCmd(stdout io.Writer) *cobra.Command {
	var profileFiles []string
	cmd := &cobra.Command{
		Use:   "probe SOURCE",
		Short: "Read one page and one of its articles, and say what was found and how",
		Long: `Probe is what to run first on a new paper. It reads one page of SOURCE (the file, the
first page of the first edition of a mirror's folder, or the URL, its index followed) and one
of its articles, says which profile read them and why (and why not the others), and prints
what it extracted: paper, date, page, scan, PDF, the page list, the articles with their
titles and regions, the body of one article; and what it could not find or fetch. It writes
nothing. With --profile FILE (as for import), write a profile, probe, fix, probe again.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ps, err := loadProfiles(profileFiles)
			if err != nil {
				return err
			}
			if ps == nil {
				ps = extract.Builtin()
			}
			src, err := importer.OpenSource(args[0], importer.SourceOptions{Profiles: ps})
			if err != nil {
				return usageError{err}
			}
			defer src.Close()
			start := src.URL.String()
			if len(src.Editions) > 0 {
				start = src.Editions[0].URL
			}
			transport := src.Transport
			if transport == nil {
				transport = fetch.NewTransport(fetch.DefaultFetchOptions())
			}
			pr := &prober{ctx: cmd.Context(), client: &http.Client{Transport: transport}, ps: ps, out: stdout}
			return pr.run(start)
		},
	}
	cmd.Flags().StringArrayVar(&profileFiles, "profile", nil, "read with the profile in this YAML file too (docs/profiles.md); may be given again")
	return cmd
}

type prober struct {
	ctx    context.Context
	client *http.Client
	ps     []*extract.Profile
	out    io.Writer
}

// get fetches u and decodes it; the error says why it could not be had.
func (pr *prober) get(u string) (string, error) {
	req, err := http.NewRequestWithContext(pr.ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := pr.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", u, resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return "", err
	}
	text, _, err := extract.Decode(raw, resp.Header.Get("Content-Type"))
	return text, err
}

// has says whether u can be had, or why not.
func (pr *prober) has(u string) string {
	req, err := http.NewRequestWithContext(pr.ctx, http.MethodGet, u, nil)
	if err != nil {
		return "not a URL"
	}
	resp, err := pr.client.Do(req)
	if err != nil {
		if strings.Contains(err.Error(), "not in the ") {
			return "not in the mirror"
		}
		return err.Error()
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.Status
	}
	return "found"
}

func (pr *prober) run(start string) error {
	out := pr.out
	u, text := start, ""
	for hop := 0; ; hop++ {
		t, err := pr.get(u)
		if err != nil {
			return err
		}
		base, _ := url.Parse(u)
		next := extract.ExtractRefresh(t, base)
		if next == "" || next == u {
			if _, perr := extract.ExtractPageWith(pr.ps, t, base); perr != nil {
				next = extract.ExtractScriptRedirect(t, base)
			} else {
				next = ""
			}
		}
		if next == "" || hop >= 5 {
			text = t
			break
		}
		fmt.Fprintf(out, "index    %s → %s\n", u, next)
		u = next
	}
	base, _ := url.Parse(u)
	p, d, err := extract.ProbePage(pr.ps, text, base)
	fmt.Fprintf(out, "page     %s\n", u)
	if d.Profile != nil {
		fmt.Fprintf(out, "profile  %s: %s\n", d.Profile.Name, d.Why)
	}
	if len(d.Ambiguous) > 0 {
		fmt.Fprintf(out, "         ambiguous: %s, %s\n", d.Profile.Name, strings.Join(d.Ambiguous, ", "))
	}
	if len(d.Rejected) > 0 {
		fmt.Fprintf(out, "         not %s\n", strings.Join(d.Rejected, "; not "))
	}
	if err != nil {
		fmt.Fprintf(out, "error    %v\n", err)
		return fmt.Errorf("probe: the page could not be read: %w", err)
	}
	if p.Profile != d.Profile.Name {
		fmt.Fprintf(out, "         %s could not read it: read by %s\n", d.Profile.Name, p.Profile)
	}
	var missing []string
	fmt.Fprintf(out, "paper    %s, %s", p.Paper, p.PaperName)
	if p.PaperNameFrom != "" {
		fmt.Fprintf(out, " (name from %s)", p.PaperNameFrom)
	}
	fmt.Fprintf(out, "\ndate     %s\npage     %s %s\n", p.Date.Format("2006-01-02"), p.Num, p.Name)
	if p.ScanURL == "" {
		fmt.Fprintln(out, "scan     none")
		missing = append(missing, "scan (the page shows none)")
	} else {
		st := pr.has(p.ScanURL)
		fmt.Fprintf(out, "scan     %s (%s)\n", p.ScanURL, st)
		if st != "found" {
			missing = append(missing, "scan")
		}
	}
	if p.PDFURL == "" {
		fmt.Fprintln(out, "pdf      none")
	} else {
		st := pr.has(p.PDFURL)
		fmt.Fprintf(out, "pdf      %s (%s)\n", p.PDFURL, st)
		if st != "found" {
			missing = append(missing, "pdf")
		}
	}
	fmt.Fprintf(out, "pages    %d:\n", len(p.Pages))
	for _, ref := range p.Pages {
		line := fmt.Sprintf("         %s %s  %s", ref.Num, ref.Name, ref.URL)
		if ref.PDFURL != "" {
			line += "  pdf " + ref.PDFURL
		}
		if st := pr.has(ref.URL); st != "found" {
			line += "  (" + st + ")"
		}
		fmt.Fprintln(out, line)
	}
	regions := map[string]int{}
	photos, links := 0, 0
	var photoURLs []string // the photos the map's regions lead to, once each, in map order
	for _, r := range p.Regions {
		switch r.Kind {
		case extract.RegionArticle:
			regions[r.ID]++
		case extract.RegionPhoto:
			photos++
			if !slices.Contains(photoURLs, r.Target) {
				photoURLs = append(photoURLs, r.Target)
			}
		default:
			links++
		}
	}
	fmt.Fprintf(out, "articles %d:\n", len(p.Articles))
	var absent []string
	var first *extract.Article
	for _, a := range p.Articles {
		st := pr.has(a.URL)
		fmt.Fprintf(out, "         %s %s  %d regions  %s\n", a.ID, a.Title, regions[a.ID], st)
		if st != "found" {
			absent = append(absent, a.ID)
			continue
		}
		if first == nil {
			if t, err := pr.get(a.URL); err == nil {
				au, _ := url.Parse(a.URL)
				if art, err := extract.ExtractArticleWith(pr.ps, t, au); err == nil {
					first = art
				} else {
					fmt.Fprintf(out, "         %s: %v\n", a.ID, err)
				}
			}
		}
	}
	n := 0
	for _, c := range regions {
		n += c
	}
	fmt.Fprintf(out, "regions  %d to articles, %d to photos, %d to links\n", n, photos, links)
	var absentPhotos []string
	if len(photoURLs) > 0 {
		fmt.Fprintf(out, "photos   %d (regions that lead to a photo, not to an article):\n", len(photoURLs))
	}
	for _, u := range photoURLs {
		st := pr.has(u)
		fmt.Fprintf(out, "         %s  %s\n", u, st)
		if st != "found" {
			absentPhotos = append(absentPhotos, u)
		}
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(out, "warning  %s\n", w)
	}
	if first == nil {
		fmt.Fprintln(out, "article  none of this page's articles could be read")
	} else {
		body, paras := 0, 0
		for _, b := range first.Blocks {
			if b.ImageURL == "" {
				body += utf8.RuneCountInString(b.Text())
				paras++
			}
		}
		fmt.Fprintf(out, "article  %s %s (title from %s, body from %s)\n", first.ID, first.Title, first.TitleFrom, first.BodyFrom)
		fmt.Fprintf(out, "         introtitle %q, subtitle %q, author %q; %d paragraphs, %d characters\n", first.IntroTitle, first.SubTitle, first.Author, paras, body)
	}
	if len(absent) > 0 {
		missing = append(missing, "articles "+strings.Join(absent, " "))
	}
	if len(absentPhotos) > 0 {
		missing = append(missing, "photos "+strings.Join(absentPhotos, " "))
	}
	if len(missing) > 0 {
		fmt.Fprintf(out, "missing  %s\n", strings.Join(missing, ", "))
	}
	return nil
}
