// Package families writes the template-family fixtures of issue 12: small mirrors of
// fictional Chinese dailies in each shape of Founder (方正) e-paper that real papers use, each
// captured whole ("full") and as web archives have them ("partial": a page without its
// articles, a page without its scan, a page known only from the page list), with a
// hand-written oracle of what a correct extraction gives beside each.
//
// Every paper, host (*.example.cn), title and text is invented; the HTML is written in the
// shapes the real families are known by, not copied from any site.
//
// The committed tree, testdata/families:
//
//	FAMILY/full/HOST/…             the whole capture, as wget --mirror leaves it
//	FAMILY/partial/HOST/…          the same edition with the Gaps of the family
//	FAMILY/expected/full/*.json    the oracle: one file per captured page, plus editions.json
//	FAMILY/expected/partial/*.json
//	expected.schema.json           the oracles' JSON schema
//	profiles/*.yaml                the draft profiles of docs/profiles-design.md, one a family
//
// The families (FAMILY, the papers, the profile their pages should match):
//
//	classic           hxrb 海西日报, njrb 南江日报 + njwb 南江晚报 (one host)   founder-classic
//	layout-people     dhrb 东华日报                                           founder-layout-people
//	layout-economic   syrb 实业日报                                           founder-layout-economic
//	layout-guangming  qmrb 启明日报                                           founder-layout-guangming
//	layout-city       ljwb 临江晚报                                           founder-layout-city
//	pad               bhrb 滨海日报                                           founder-pad
//	nbs               zhrb 中和日报                                           people-nbs
//
// A test of the importer reads a variant folder as a user's mirror and compares what it
// extracted with the oracle:
//
//	dir := families.Dir(families.Root(), "layout-city", "partial")   // epaper import dir …
//	exp, err := families.LoadExpected(families.Root(), "layout-city", "partial")
//
// The Schemes (scheme.go) place an edition in each URL layout of issue 12, and the Classic
// and Modern renderers write its HTML; package mirrors uses both to write many synthetic days.
//
// Regenerate the committed mirrors with `go run ./testdata/families/gen` (or `make fixture`).
// The tests fail when the committed mirrors differ from what the package writes
// (families_test.go), when an oracle disagrees with the HTML it describes or with its schema
// (oracle_test.go), and when a draft profile does not read its family's pages as the oracles say
// or matches another family's (profiles_test.go). The oracles are never generated: edit them by
// hand when a fixture changes. No fixture is ever read by production code.
package families
