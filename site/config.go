package site

import (
	"github.com/gohugoio/hugo/config"
)

// hugoConfig returns the settings epaper gives Hugo. They override a site's own hugo.toml,
// which remains the place for anything else (title, params, menus).
func hugoConfig(o Options, publishDir, themesDir, cacheDir string, plan shardPlan) config.Provider {
	cfg := config.New()
	cfg.Set("workingDir", o.SiteDir)
	cfg.Set("publishDir", publishDir)
	cfg.Set("themesDir", themesDir)
	cfg.Set("theme", []string{themeName})
	cfg.Set("cacheDir", cacheDir)
	cfg.Set("locale", "zh-CN")
	cfg.Set("defaultContentLanguage", "zh")
	cfg.Set("hasCJKLanguage", true)
	cfg.Set("timeZone", "Asia/Shanghai")
	if o.TemplateMetrics {
		cfg.Set("templateMetrics", true)
		cfg.Set("templateMetricsHints", true)
	}
	cfg.Set("disableKinds", disabledKinds(o))
	cfg.Set("markup", map[string]any{
		"goldmark": map[string]any{
			"renderer": map[string]any{"unsafe": false},
			"parser": map[string]any{
				"wrapStandAloneImageWithinParagraph": false,
				"autoHeadingID":                      false,
			},
			"extensions": map[string]any{
				"cjk": map[string]any{
					"enable":                   true,
					"eastAsianLineBreaks":      true,
					"escapedSpace":             true,
					"eastAsianLineBreaksStyle": "css3draft",
				},
				"typographer": map[string]any{"disable": true},
			},
		},
	})
	if o.Offline() {
		cfg.Set("baseURL", "/")
		cfg.Set("relativeURLs", true)
		cfg.Set("disableAliases", true) // the original site's URLs mean nothing on a disk
		cfg.Set("outputFormats", map[string]any{"search": searchFormat})
		cfg.Set("outputs", map[string]any{
			"home":    []string{"html", "search"},
			"section": []string{"html", "json"},
			"page":    []string{"html", "json"},
		})
	} else {
		cfg.Set("baseURL", o.BaseURL)
		cfg.Set("relativeURLs", false)
		cfg.Set("enableRobotsTXT", true)
		// The alias pages of the original site's URLs, and _redirects (as Netlify,
		// Cloudflare Pages and others read it), are epaper's, written after the build where
		// they replace nothing (aliases.go).
		cfg.Set("disableAliases", true)
		cfg.Set("outputFormats", map[string]any{"search": searchFormat})
		cfg.Set("outputs", map[string]any{
			"home":    []string{"html", "rss", "search"},
			"section": []string{"html", "rss", "json"},
			"page":    []string{"html", "json"},
		})
	}
	// Bundle files are published only where a layout links them (scans, PDFs, images): the
	// raw HTML kept for archivists stays in the bundle.
	// A shard reads part of the content; some pages only as link targets (planShard).
	if plan.files != nil {
		cfg.Set("module", map[string]any{"mounts": []map[string]any{
			{"source": "content", "target": "content", "files": plan.files},
		}})
	}
	// Of the cascade entries that match a page, the first sets its build options.
	// Pages a shard does not publish are not in its sitemap either.
	var cascade []map[string]any
	for _, path := range plan.links {
		cascade = append(cascade, map[string]any{
			"build":   map[string]any{"render": "link", "publishResources": false},
			"sitemap": map[string]any{"disable": true},
			"target":  map[string]any{"path": path},
		})
	}
	if o.shard != "" && o.shard != RootShard { // the home page is the root's
		cascade = append(cascade, map[string]any{
			"build":   map[string]any{"publishResources": false},
			"sitemap": map[string]any{"disable": true},
			"target":  map[string]any{"kind": "home"},
		})
	}
	cascade = append(cascade, map[string]any{"build": map[string]any{"publishResources": false}})
	cfg.Set("cascade", cascade)
	cfg.Set("services", map[string]any{"rss": map[string]any{"limit": feedLimit}})
	cfg.Set("params", map[string]any{
		"epaper": map[string]any{
			"offline":       o.Offline(),
			"shard":         o.shard,
			"searchIndexes": searchIndexes(o, plan),
			"editionFiles":  !o.NoEditionFiles, // the PDF and EPUB of each edition (editionfiles.go)
		},
	})
	return cfg
}

// feedLimit is the number of items of a feed.
const feedLimit = 50

// searchFormat is the search page, search/index.html, an output of the home page
// (layouts/home.search.html).
var searchFormat = map[string]any{
	"mediaType": "text/html", "baseName": "index", "path": "search", "isHTML": true, "notAlternative": true, "permalinkable": false,
}

// disabledKinds: epaper has no taxonomies; an offline site has no use for feeds, a sitemap,
// robots.txt or a 404 page (no server to send it), all of which want absolute URLs.
func disabledKinds(o Options) []string {
	kinds := []string{"taxonomy", "term"}
	if o.Offline() {
		kinds = append(kinds, "rss", "sitemap", "robotstxt", "404")
	} else if o.shard != "" && o.shard != RootShard {
		kinds = append(kinds, "robotstxt", "404") // the root's
	}
	return kinds
}
