package bundle

import "strconv"

// Kinds of bundle: the value of a bundle's KeyKind.
const (
	KindPaper   = "paper"
	KindEdition = "edition"
	KindPage    = "page"
	KindArticle = "article"
)

// Keys of the front matter, as the YAML tags of Paper, Edition, Page and Article name them.
// Hugo hands them to layouts and to site/ as a page's Params under these names.
const (
	KeyTitle        = "title"
	KeyKind         = "kind"
	KeyPaper        = "paper"
	KeyPaperName    = "paper_name"
	KeyDate         = "date"
	KeyEdition      = "edition"
	KeyWeekday      = "weekday"
	KeyPage         = "page"
	KeyPageName     = "page_name"
	KeyWeight       = "weight"
	KeyScan         = "scan"
	KeyPDF          = "pdf"
	KeyRegions      = "regions"
	KeyMissing      = "missing"
	KeyAliases      = "aliases"
	KeySource       = "source"
	KeyArticleID    = "article_id"
	KeyIntroTitle   = "introtitle"
	KeySubTitle     = "subtitle"
	KeyAuthor       = "author"
	KeyAuthorInBody = "author_in_body"
	KeyKeywords     = "keywords"
	KeyImages       = "images"
	KeyFiles        = "files"
	KeyBodySHA256   = "body_sha256"
	KeyBundles      = "bundles"
)

// Names of the files of a bundle.
const (
	BranchIndex = "_index.md"       // the index file of a paper, edition or page bundle
	LeafIndex   = "index.md"        // the index file of an article bundle
	RawFile     = "source.html.raw" // the original page, exactly as received
	PDFFile     = "page.pdf"        // a page's PDF
)

// ScanFile is the name of a page's scan whose URL ends in ext (".jpg", ".png" …).
func ScanFile(ext string) string { return "scan" + ext }

// ImageFile is the name of an article's n-th image (from 1) whose URL ends in ext.
func ImageFile(n int, ext string) string { return "img-" + strconv.Itoa(n) + ext }
