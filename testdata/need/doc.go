// Package need lets a test say which program it needs that Go does not bring with it:
// Chromium for the browser tests, Pagefind for the search tests. Where the program is
// there, the test gets its path; where it is not, the test is skipped with a message that
// names what is missing and how to install it, so that `go test ./...` passes on a
// contributor's machine that has neither, and says what it left out (go test -v).
//
// Unless the program is required: EPAPER_REQUIRE lists, comma-separated, the programs whose
// absence fails a test rather than skipping it. `make test` (and so CI) sets
// EPAPER_REQUIRE=chromium,pagefind, so that a missing browser never passes for a green run.
//
//	func TestSearch(t *testing.T) {
//		pagefind := need.Pagefind(t) // skipped here without Pagefind
//		browser := need.Chromium(t)
//		…
//	}
//
// Tests only: production code never imports it (it reads the environment and the PATH,
// which epaper's packages never do), and it installs nothing.
package need
