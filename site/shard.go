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
// be built as shards: one independent Hugo site per month (or per year), and a small root
// site. Each shard is one command (epaper build --shard month --only 2021-04, or --only
// root) that can run on its own machine, writing its own output folder; Merge puts the
// folders together. The merged site has the same URLs, pages and links as the site built
// whole:
//
//   - a month (or year) shard holds the paper sections and that month's editions, and the
//     editions just before and after the month (as links only, for 上一期/下一期 across the
//     month's ends). It publishes the editions' pages, articles, feeds and JSON, their
//     aliases and its _redirects lines, its search indexes under search/SHARD/ and
//     pagefind/YYYY-MM/, and its sitemap as sitemaps/SHARD.xml; not the home, paper or
//     search pages.
//   - the root shard holds the paper sections and every edition's _index.md (as links
//     only, for the calendars), and the newest editions in full for the home page's page
//     cards and the feeds. It publishes the home, paper, search and 404 pages, feeds,
//     robots.txt, its sitemap as sitemaps/root.xml and sitemap.xml as an index of all.
//
// RootShard names the root shard in ShardOptions.Only and ShardBuilt; a year is its four
// digits ("2021"), a month YYYY-MM ("2021-04").
const RootShard = "root"

// The ways to shard (ShardOptions.By).
const (
	ByYear  = "year"
	ByMonth = "month"
)

// shardOf is the shard of by that an edition of date (YYYY-MM-DD) belongs to.
func shardOf(by, date string) string {
	if by == ByYear {
		return date[:4]
	}
	return date[:7]
}

// shardBy is the way a shard's name shards: ByYear for "2021", ByMonth for "2021-04".
func shardBy(name string) string {
	if len(name) == 4 {
		return ByYear
	}
	return ByMonth
}

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
	return Shards(siteDir, ByYear)
}

// Shards returns the shards of the editions in siteDir/content by year or month, in order.
func Shards(siteDir, by string) ([]string, error) {
	plan, err := planShard(siteDir, "", by, 0)
	return plan.shards, err
}

// shardPlan is what a build gives Hugo: for a shard, which content files to read and which
// pages to publish only as link targets; for any build, the years and months of the archive.
type shardPlan struct {
	files  []string // mount patterns for content/, first match wins ("! " excludes)
	links  []string // page paths rendered as links only (build.render "link")
	shards []string // every shard of the archive (for the root's search and sitemap)
	months []string // every month of the archive (the Pagefind indexes the search page reads)
	// inputs are the content files the shard reads (as paths below content/, slash
	// separated): all of them for a shard of editions, and for the root its editions'
	// _index.md and the newest editions in full. What the manifest's digest covers.
	inputs []string
}

// planShard returns the plan for shard of siteDir ("" for the whole site), the shards of
// the archive by by, or an error if the shard is neither root nor a year or month with
// editions.
func planShard(siteDir, shard, by string, feedLimit int) (shardPlan, error) {
	eds, err := scanEditions(siteDir)
	if err != nil {
		return shardPlan{}, err
	}
	return planOf(siteDir, eds, shard, by, feedLimit)
}

// planOf is planShard of the editions eds of siteDir.
func planOf(siteDir string, eds []edition, shard, by string, feedLimit int) (shardPlan, error) {
	var plan shardPlan
	for _, e := range eds {
		if s := shardOf(by, e.date); !slices.Contains(plan.shards, s) {
			plan.shards = append(plan.shards, s)
		}
		if m := e.date[:7]; !slices.Contains(plan.months, m) {
			plan.months = append(plan.months, m)
		}
	}
	slices.Sort(plan.shards)
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
				plan.inputs = append(plan.inputs, list[i].path()[1:]+"/")
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
		for _, e := range eds {
			plan.inputs = append(plan.inputs, e.path()[1:]+"/_index.md")
		}
		plan.inputs = append(plan.inputs, sectionInputs(papers)...)
		return plan, nil
	}

	if shardBy(shard) != by || !slices.Contains(plan.shards, shard) {
		what := map[string]string{ByYear: "year", ByMonth: "month"}[by]
		return shardPlan{}, fmt.Errorf("shard %q: no editions of that %s in %s (%ss: %s; or %q)", shard, what, filepath.Join(siteDir, "content"), what, strings.Join(plan.shards, ", "), RootShard)
	}
	rest := "-[0-9][0-9]" // the rest of a date after the shard's name
	if by == ByYear {
		rest = "-[0-9][0-9]-[0-9][0-9]"
	}
	plan.files = []string{"/_index.md", "/*/_index.md", "/*/" + shard + rest + "/**"}
	plan.inputs = sectionInputs(papers)
	in := func(e edition) bool { return shardOf(by, e.date) == shard }
	for _, p := range papers {
		list := byPaper[p]
		first := slices.IndexFunc(list, in)
		last := first
		for last+1 < len(list) && in(list[last+1]) {
			last++
		}
		for i := first; first >= 0 && i <= last; i++ {
			plan.inputs = append(plan.inputs, list[i].path()[1:]+"/")
		}
		for _, i := range []int{first - 1, last + 1} {
			if first >= 0 && i >= 0 && i < len(list) {
				plan.files = append(plan.files, list[i].path()+"/_index.md")
				plan.links = append(plan.links, list[i].path())
				plan.inputs = append(plan.inputs, list[i].path()[1:]+"/_index.md")
			}
		}
	}
	// the paper sections are the root's
	for _, p := range papers {
		plan.links = append(plan.links, "/"+p)
	}
	return plan, nil
}

// sectionInputs are the section files every shard reads: the home's and the papers'.
func sectionInputs(papers []string) []string {
	in := []string{"_index.md"}
	for _, p := range papers {
		in = append(in, p+"/_index.md")
	}
	return in
}

// countArticles counts the article bundles of an edition of siteDir.
func countArticles(siteDir string, e edition) (int, error) {
	arts, err := bundle.Articles(bundle.ContentDir(siteDir), bundle.Ref{Paper: e.paper, Edition: e.date})
	return len(arts), err
}

// Part of a shard. A build that adds a day to a month rebuilds only what the new day
// changes in its shard: the new editions and the editions next to them (whose 上一期 and
// 下一期 now lead to it), with the rest of the month as it was (see partialEditions in
// manifest_sync.go). Such a part is a shard's plan with only some of its editions in full.

// restrict returns plan (a shard of editions' plan, from planOf) with only the editions
// only (paths below content/, PAPER/DATE) read in full: the others are left out, but for the
// editions next to those of only, which are read as links (their _index.md, as the shard's
// neighbours across its ends are).
func (plan shardPlan) restrict(eds []edition, only []string) shardPlan {
	in := map[string]bool{}
	for _, e := range only {
		in[e] = true
	}
	out := plan
	out.files = []string{"/_index.md", "/*/_index.md"}
	out.links = nil
	out.inputs = nil
	linked := map[string]bool{}
	for i, e := range eds {
		if !in[e.path()[1:]] {
			continue
		}
		out.files = append(out.files, e.path()+"/**")
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(eds) && eds[j].paper == e.paper && !in[eds[j].path()[1:]] && !linked[eds[j].path()] {
				linked[eds[j].path()] = true
				out.files = append(out.files, eds[j].path()+"/_index.md")
				out.links = append(out.links, eds[j].path())
			}
		}
	}
	for _, l := range plan.links { // the paper sections
		if strings.Count(l, "/") == 1 {
			out.links = append(out.links, l)
		}
	}
	return out
}
