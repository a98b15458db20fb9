package site

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/epaper-archive/epaper/importer/bundle"
)

// Sharded builds. An archive of many years does not fit one Hugo build in memory, so it can
// be built as shards: one independent Hugo site per year, and a small root site. Each shard
// is one command (epaper build --shard year --only YEAR, or --only root) that can run on its
// own machine, writing its own output folder; Merge puts the folders together. The merged
// site has the same URLs, pages and links as the site built whole:
//
//   - a year shard holds the paper sections and that year's editions, and the editions just
//     before and after the year (as links only, for 上一期/下一期 across New Year). It
//     publishes the editions' pages, articles, feeds and JSON, their aliases and its
//     _redirects lines, its search indexes under search/YEAR/ and pagefind/YYYY-MM/, and its
//     sitemap as sitemaps/YEAR.xml; not the home, paper or search pages.
//   - the root shard holds the paper sections and every edition's _index.md (as links
//     only, for the calendars), and the newest editions in full for the home page's page
//     cards and the feeds. It publishes the home, paper, search and 404 pages, feeds,
//     robots.txt, its sitemap as sitemaps/root.xml and sitemap.xml as an index of all.
//
// RootShard names the root shard in ShardOptions.Only and ShardBuilt; a year is its four digits.
const RootShard = "root"

// editionDir is the name of an edition's folder: its date.
var editionDir = regexp.MustCompile(`^(\d{4})-\d{2}-\d{2}$`)

// edition is an edition folder of the content: content/PAPER/DATE.
type edition struct {
	paper, date string
}

func (e edition) year() string { return e.date[:4] }
func (e edition) path() string { return "/" + e.paper + "/" + e.date }

// scanEditions lists the editions of siteDir/content, by paper and then date (the finished
// ones: an edition's _index.md is written last).
func scanEditions(siteDir string) ([]edition, error) {
	refs, err := bundle.Editions(bundle.ContentDir(siteDir))
	if err != nil {
		return nil, err
	}
	eds := make([]edition, len(refs))
	for i, r := range refs {
		eds[i] = edition{r.Paper, r.Edition}
	}
	return eds, nil
}

// Years returns the years of the editions in siteDir/content, in order: the year shards.
func Years(siteDir string) ([]string, error) {
	plan, err := planShard(siteDir, "", 0)
	return plan.years, err
}

// shardPlan is what a build gives Hugo: for a shard, which content files to read and which
// pages to publish only as link targets; for any build, the years and months of the archive.
type shardPlan struct {
	files  []string // mount patterns for content/, first match wins ("! " excludes)
	links  []string // page paths rendered as links only (build.render "link")
	years  []string // every year of the archive (for the root's search and sitemap)
	months []string // every month of the archive (the Pagefind indexes the search page reads)
}

// planShard returns the plan for shard of siteDir ("" for the whole site), or an error if
// the shard is neither root nor a year with editions.
func planShard(siteDir, shard string, feedLimit int) (shardPlan, error) {
	eds, err := scanEditions(siteDir)
	if err != nil {
		return shardPlan{}, err
	}
	var plan shardPlan
	for _, e := range eds {
		if !slices.Contains(plan.years, e.year()) {
			plan.years = append(plan.years, e.year())
		}
		if m := e.date[:7]; !slices.Contains(plan.months, m) {
			plan.months = append(plan.months, m)
		}
	}
	slices.Sort(plan.years)
	slices.Sort(plan.months)
	if shard == "" {
		return plan, nil
	}
	byPaper := map[string][]edition{}
	var papers []string
	for _, e := range eds {
		if _, ok := byPaper[e.paper]; !ok {
			papers = append(papers, e.paper)
		}
		byPaper[e.paper] = append(byPaper[e.paper], e)
	}

	if shard == RootShard {
		// The newest editions of each paper in full, as many as the feeds need.
		for _, p := range papers {
			list := byPaper[p]
			articles := 0
			for i := len(list) - 1; i >= 0 && (i == len(list)-1 || articles < feedLimit); i-- {
				plan.files = append(plan.files, list[i].path()+"/**")
				n, err := countArticles(siteDir, list[i])
				if err != nil {
					return shardPlan{}, err
				}
				articles += n
			}
		}
		// Of the other editions, only their own bundle files, not their pages.
		plan.files = append(plan.files, "! /*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/*/**", "/**")
		plan.links = []string{"/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]", "/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/**"}
		return plan, nil
	}

	if !slices.Contains(plan.years, shard) {
		return shardPlan{}, fmt.Errorf("shard %q: no editions of that year in %s (years: %s; or %q)", shard, filepath.Join(siteDir, "content"), strings.Join(plan.years, ", "), RootShard)
	}
	plan.files = []string{"/_index.md", "/*/_index.md", "/*/" + shard + "-[0-9][0-9]-[0-9][0-9]/**"}
	for _, p := range papers {
		list := byPaper[p]
		first := slices.IndexFunc(list, func(e edition) bool { return e.year() == shard })
		last := first
		for last+1 < len(list) && list[last+1].year() == shard {
			last++
		}
		for _, i := range []int{first - 1, last + 1} {
			if first >= 0 && i >= 0 && i < len(list) {
				plan.files = append(plan.files, list[i].path()+"/_index.md")
				plan.links = append(plan.links, list[i].path())
			}
		}
	}
	// the paper sections are the root's
	for _, p := range papers {
		plan.links = append(plan.links, "/"+p)
	}
	return plan, nil
}

// countArticles counts the article bundles of an edition of siteDir.
func countArticles(siteDir string, e edition) (int, error) {
	arts, err := bundle.Articles(bundle.ContentDir(siteDir), bundle.Ref{Paper: e.paper, Edition: e.date})
	return len(arts), err
}
