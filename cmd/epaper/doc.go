// Command epaper turns a Founder (方正) e-paper site into a static site that lasts: it
// imports the original HTML pages of a daily newspaper's editions into Hugo content bundles,
// and builds them into a site with Hugo, in process.
//
//	epaper import --site mypaper http://epaper.cqrb.cn/html/cqrb/index.htm
//	epaper build --site mypaper                     # mypaper/public, opens from file://
//	epaper build --site mypaper --base-url https://paper.example.org/ --out /srv/www
//	epaper serve --site mypaper                     # preview on http://127.0.0.1:1414/
//
// Its commands are import (an edition, a date range, every edition of a mirror, a WARC),
// build (whole, or in year shards), merge (shards built apart), serve, verify (digests of the
// bundles, links of the built site), probe (what one page of a new paper gives, read with
// which profile; --profile FILE, as for import, adds a profile of one's own), new (a
// hand-made article) and version; each explains
// itself with --help. The exit code is 0 on success, 1 on a failure (for import: some page
// or article could not be imported; the rest was, and the summary says what failed), 2 for
// a command line that cannot be run as given.
//
// The command parses flags, passes them to the importer and site packages as their options,
// and prints what they did: it holds no logic of its own that they need. It reads one
// environment variable, EPAPER_PAGEFIND (the Pagefind binary, when --pagefind is not given),
// and no configuration file: a site's hugo.toml is the site package's to read.
package main
