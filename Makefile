# epaper — see README.md. Everything here works on a fresh clone with Go 1.26 and the Go module proxy.

GO      ?= go
BIN     := bin/epaper
DEMO    := demo
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X main.version=$(VERSION)
PKGS    := ./... ./testdata/fixture/... ./testdata/synth/... ./testdata/need/... ./testdata/families/... ./testdata/mirrors/...
# Pagefind (full-text search over HTTP), from the npm registry, pinned; it ships its own
# binary. Installed into .tools/ by the targets that need it; epaper build finds it through
# EPAPER_PAGEFIND. Keep the version in step with site.PagefindVersion.
PAGEFIND_VERSION := 1.6.0
PAGEFIND := $(CURDIR)/.tools/node_modules/.bin/pagefind
export EPAPER_PAGEFIND := $(PAGEFIND)
# axe-core (accessibility rules run in the browser tests), from the npm registry, pinned;
# its own prefix, so that installing it never prunes Pagefind. The tests find it through
# EPAPER_AXE.
AXE_VERSION := 4.14.1
AXE := $(CURDIR)/.tools/axe/node_modules/axe-core/axe.min.js
export EPAPER_AXE := $(AXE)

.PHONY: all build demo test check chromium debian-tools pagefind axe bench bench-sizes bench-smoke fixture clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/epaper

# Import the bundled sample edition (重庆日报 2021-04-14, a mirror in testdata/) and build it.
demo: build pagefind
	rm -rf $(DEMO)/content
	$(BIN) import --site $(DEMO) testdata/epaper.cqrb.cn
	$(BIN) build --site $(DEMO)
	@echo
	@echo "Open 第005版 重庆新闻 in a browser (works from disk, no server needed):"
	@echo "  file://$(CURDIR)/$(DEMO)/public/cqrb/2021-04-14/005/index.html"
	@echo "The whole edition as one PDF (第005版 重庆新闻 is its 5th page, with a bookmark per page) and as an EPUB:"
	@echo "  $(CURDIR)/$(DEMO)/public/cqrb/2021-04-14/cqrb-2021-04-14.pdf"
	@echo "  $(CURDIR)/$(DEMO)/public/cqrb/2021-04-14/cqrb-2021-04-14.epub"
	@echo "Search it (the search box of every page), e.g.:"
	@echo "  file://$(CURDIR)/$(DEMO)/public/search/index.html?q=招商引资"
	@echo "Or preview it over HTTP, rebuilt and reloaded as you edit demo/content or demo/layouts:"
	@echo "  $(BIN) serve --site $(DEMO)"

# The whole test suite, as CI runs it: formatting, vet, then every test, the browser tests
# in Debian's Chromium (installed here with apt-get when missing and run as root).
# Plain `go test ./...` skips the tests whose program is missing; here a missing
# program (Chromium, Pagefind, axe-core, wget, pdftoppm, epubcheck) fails them
# (EPAPER_REQUIRE, read by testdata/need).
# Screenshots of the browser tests land in test-output/.
test: check chromium debian-tools pagefind axe
	mkdir -p test-output
	EPAPER_REQUIRE=chromium,pagefind,axe,wget,pdftoppm,epubcheck $(GO) test -count=1 -timeout 20m $(PKGS) -artifacts -outputdir $(CURDIR)/test-output
	$(MAKE) --no-print-directory bench-smoke

# Chromium and the CJK fonts it renders the pages' Chinese with (without them every 汉字 is
# a box in the screenshots, and the browser tests fail).
chromium:
	@{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } && \
	  { fc-list :lang=zh family 2>/dev/null | grep -q . ; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) || exit 1; \
	  else \
	    echo "the browser tests need Chromium and CJK fonts: sudo apt-get install -y chromium fonts-noto-cjk"; exit 1; \
	  fi; }

# What the tests of the edition PDF and EPUB run: poppler-utils (pdftoppm, pdftotext) and
# Debian's epubcheck (with a Java runtime); and wget, whose WARCs the archive tests replay.
debian-tools:
	@command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v epubcheck >/dev/null 2>&1 && command -v java >/dev/null 2>&1 && command -v wget >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing poppler-utils, epubcheck and wget for the edition PDF, EPUB and WARC tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils epubcheck wget >/dev/null) || exit 1; \
	  else \
	    echo "the tests need poppler-utils, epubcheck and wget: sudo apt-get install -y poppler-utils epubcheck wget"; exit 1; \
	  fi; }

# Pagefind into .tools/, unless the pinned version is there already.
pagefind:
	@if [ "$$($(PAGEFIND) --version 2>/dev/null)" != "pagefind $(PAGEFIND_VERSION)" ]; then \
	  command -v npm >/dev/null 2>&1 || { echo "Pagefind is installed with npm: apt-get install -y npm (or Node.js from nodejs.org)"; exit 1; }; \
	  echo "installing pagefind $(PAGEFIND_VERSION) into .tools/"; \
	  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error pagefind@$(PAGEFIND_VERSION) || exit 1; \
	fi

# axe-core into .tools/axe/, unless the pinned version is there already.
axe:
	@if ! grep -qs '"version": "$(AXE_VERSION)"' .tools/axe/node_modules/axe-core/package.json; then \
	  command -v npm >/dev/null 2>&1 || { echo "axe-core is installed with npm: apt-get install -y npm (or Node.js from nodejs.org)"; exit 1; }; \
	  echo "installing axe-core $(AXE_VERSION) into .tools/axe/"; \
	  npm install --prefix .tools/axe --no-save --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION) || exit 1; \
	fi

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# The table of issue 14 (docs/benchmarks.md): a year of the synthetic archive built from
# scratch, a day added, a rebuild with nothing changed, a 30-day import, three years; each
# figure three times in processes of their own, against its target. BENCH_ARGS, e.g.
# "-days 30 -times 3", for a smaller run. Archives are cached in
# $${EPAPER_BENCH_CACHE:-$$TMPDIR/epaper-bench}.
bench:
	testdata/synth/bench.sh -scale $(BENCH_ARGS)

# The benchmarks of issue 7 by size: import and build of 1 to 480 days, the hugo command
# of the same version for comparison (installed into the bench cache, never elsewhere).
# About 1 h 30 on 2 cores.
bench-sizes:
	testdata/synth/bench.sh

# The table of make bench on 2 days, once each: that it runs (part of make test); its
# figures are information, never a failure.
bench-smoke:
	testdata/synth/bench.sh -scale -smoke -cache $(CURDIR)/test-output/bench-cache

# Regenerate the fixture edition in testdata/epaper.cqrb.cn from testdata/fixture, and the
# template-family mirrors in testdata/families (their hand-written oracles are left alone).
fixture:
	$(GO) run ./testdata/fixture/gen
	$(GO) run ./testdata/families/gen

clean:
	rm -rf bin $(DEMO) test-output .tools
