// Package bundle is the on-disk format of an epaper site's content: the Hugo content bundles
// that the importer writes and that site/ and epaper verify read. It is the one place that
// knows where a bundle lives (Ref), what its front matter holds (Paper, Edition, Page,
// Article and the types they are made of, written in a fixed key order), how an index file
// is split, read and written (Encode, Split, Decode, ReadFile), how bundles reach the disk
// (WriteLeaf, WriteBranch: atomically), how their originals are checked (Digest, ReadKept,
// Verify) and which editions a content tree holds (Editions, Articles).
//
// A content tree holds one branch bundle per paper, edition and page, and one leaf bundle
// per article:
//
//	cqrb/_index.md                       Paper
//	cqrb/2021-04-14/_index.md            Edition
//	cqrb/2021-04-14/005/_index.md        Page, beside scan.jpg, page.pdf, source.html.raw
//	cqrb/2021-04-14/005/268824/index.md  Article, beside img-1.jpg …, source.html.raw
//
// Writing an article:
//
//	ref := bundle.Ref{Paper: "cqrb", Edition: "2021-04-14", Page: "005", Article: "268824"}
//	if err := ref.Check(); err != nil { … }
//	m := bundle.Article{PageHead: head, ArticleID: "268824", Keywords: []string{}, Source: src}
//	doc, err := bundle.Encode(m, body)
//	err = bundle.WriteLeaf(ref.Dir(content), map[string][]byte{
//		bundle.LeafIndex: doc, bundle.RawFile: raw,
//	})
//
// and reading it back:
//
//	var a bundle.Article
//	body, err := bundle.ReadFile(ref.Index(content), &a)
//
// Page and article bundles record each file fetched with its URL and SHA-256 (File, files:),
// an article the digest of its body (BodyDigest, body_sha256:), an edition the bundles
// imported into it (bundles:); KeptFile and Complete read them back for a re-import, and
// Verify checks them.
//
// The same values always encode to the same bytes, and a bundle whose files would not
// change is not written again, so re-running an import leaves the tree as it was. Encode
// writes the four kinds field by field, without reflection, in exactly the bytes yaml.v3
// writes for them (encode.go, scalar.go; tested field by field and string by string against
// yaml.v3); a value only yaml.v3 writes the same (an escape, a block scalar) sends the
// document to yaml.v3. A field added to a front matter type is added to encode.go too.
//
// Package bundle never fetches, parses HTML or builds a site: it imports neither the
// importer's other packages nor Hugo, and holds no state between calls.
package bundle
