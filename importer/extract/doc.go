// Package extract reads the pages of a Founder (方正) e-paper edition: bytes and the URL they
// came from in, structured pages and articles out. It decodes a page to UTF-8 whatever its
// charset (Decode: byte-order mark, <meta>, HTTP header, then a guess; the GB family as
// GB18030), reads a page (版) into a Page — its number and name, the edition's page list,
// its articles, the scan with its image map, its PDF (ExtractPage) — and an article into an
// Article — 引题, title, 副题, author, keywords, and the body as paragraphs and images,
// sanitised (ExtractArticle) — and renders a body as Markdown that holds text, hard breaks,
// bold and images only (Markdown).
//
//	text, charset, err := extract.Decode(raw, resp.Header.Get("Content-Type"))
//	u, _ := url.Parse("http://epaper.cqrb.cn/html/cqrb/2021-04/14/005/content_268824.htm")
//	a, err := extract.ExtractArticle(text, u)
//	if err != nil { … } // names the URL and the part that is missing
//	md := extract.Markdown(a.Blocks, map[string]string{a.Blocks[0].ImageURL: "img-1.jpg"})
//
// Founder's own tags (<founder-title> …) and its enpproperty comment are read first, the
// page's structure (links named 第N版, links to content_N.htm, the image map) where they are
// missing. Selectors are compiled once; a required part that matches nothing is an error
// naming the URL and the part, never an empty result.
//
// Pages and articles are read by profiles (Profile, docs/profiles.md): YAML that says, for
// one template family, its URL patterns and the selectors of each thing. The built-in ones
// are embedded (profiles/*.yaml, Builtin); LoadProfile reads a user's and WithProfiles puts
// it first. Each document is detected on its own (its URL, then required selectors; the
// most requirements win): ExtractPageWith, ExtractArticleWith, ProbePage (which also says
// why). founder-generic, last, is the heuristics above; a page its profile accepts but cannot
// read is read by them too. Whatever reads it, a page keeps every article it names, every
// area of its image map (articles', photos', links', within MaxRegions, MaxRegionPoints and
// MaxPagePoints, coordinates checked; Page.Warnings says what was left out) and its page
// list with each page's PDF. HostCode is the one rule of a host's paper code.
//
// Package extract is pure: it never fetches (it does not import net/http), never touches
// the disk, keeps no state between calls and is safe for concurrent use. Where the bundles
// go and what they are called is package bundle's business, not its.
package extract
