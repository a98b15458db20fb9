// Package editionpdf writes one PDF of a whole newspaper edition: every page (版) in the order
// given, with a bookmark per page ("第005版 重庆新闻") and the edition's title, paper and date
// in the document information.
//
// Each page comes from the first of these it has:
//
//   - the page's own PDF, as the paper published it (all of its pages, merged as they are);
//   - the page's scan (JPEG, PNG or GIF), as a page the size of the scan at 150 dpi;
//   - neither: a page that says so, in Latin letters and digits (a CJK font would have to be
//     embedded in every PDF); its bookmark still names the page in Chinese.
//
// A page PDF that pdfcpu cannot read or merge is replaced by the page's scan, and reported.
//
// The output is the same bytes for the same input: pdfcpu merges and writes the pages, then
// Write numbers and writes the objects again in a fixed order (pdfcpu's merge numbers them in
// Go's random map order), dated with the edition's day, with a digest of the input as the
// file ID (pdfcpu would take both from the clock).
//
// Example:
//
//	var buf bytes.Buffer
//	replaced, err := editionpdf.Write(&buf, editionpdf.Edition{
//		Paper: "重庆日报", Code: "cqrb", Date: day, Title: "重庆日报 2021年04月14日 星期三",
//		Pages: []editionpdf.Page{
//			{Number: "001", Name: "头版", PDF: "content/cqrb/2021-04-14/001/page.pdf"},
//			{Number: "002", Name: "要闻", Scan: "content/cqrb/2021-04-14/002/scan.jpg"},
//		},
//	})
//
// It reads the files it is given and writes to w; it never imports Hugo, fetches anything,
// reads pdfcpu's configuration directory or installs fonts.
package editionpdf
