// Package epub writes an EPUB 3 e-book of one newspaper edition: every article's text, page
// (版) by page in the order given, each with its 引题, title, 副题 and author; the articles'
// images; a navigation document by page and article; the paper's name, the date and the
// original's URL as metadata; the front page's scan as the cover; and, when the caller gives
// them, the scans of all pages, each at the head of its page.
//
// The book passes Debian's epubcheck without errors or warnings, and is the same bytes for
// the same input: entries in a fixed order, the mimetype entry first and stored, every
// entry dated with the edition's day.
//
// Article bodies come as HTML fragments, as the site renders them; they are rewritten as
// XHTML keeping text, paragraphs, line breaks, emphasis, lists, tables, figures and the
// images the article names (Article.Images maps an img src to its file). Links, scripts,
// styles and images not named there are left out (their text and alt text stay).
//
// Example:
//
//	err := epub.Write(w, epub.Book{
//		ID: "urn:epaper:cqrb:2021-04-14", Title: "重庆日报 2021年04月14日 星期三",
//		Paper: "重庆日报", Date: day, Cover: "content/cqrb/2021-04-14/001/scan.jpg",
//		Pages: []epub.Page{{Number: "005", Name: "重庆新闻", Articles: []epub.Article{{
//			ID: "268824", Title: "…", Body: "<p>…</p>",
//		}}}},
//	})
//
// It reads only the image files it is given and writes only to w; it never imports Hugo or
// fetches anything.
package epub
