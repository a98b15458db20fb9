package site

// The front matter keys that site/ reads from the bundles (docs/bundles.md), in one place:
// the bundle package (importer/bundle) will own them.
const (
	keyKind         = "kind"
	kindEdition     = "edition"
	kindPage        = "page"
	kindArticle     = "article"
	keyPaper        = "paper"      // cqrb
	keyPaperName    = "paper_name" // 重庆日报
	keyEdition      = "edition"    // 2021-04-14
	keyPageNumber   = "page"       // 005
	keyPageName     = "page_name"  // 重庆新闻
	keyPDF          = "pdf"        // page.pdf
	keyScan         = "scan"       // a map with src, width, height
	keyScanSrc      = "src"
	keyIntroTitle   = "introtitle"
	keySubtitle     = "subtitle"
	keyAuthor       = "author"
	keyAuthorInBody = "author_in_body"
	keySource       = "source" // a map with url
	keySourceURL    = "url"
)
