package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/epaper-archive/epaper/importer/fetch"
)

func ExampleFetcher_Get() {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<p>第005版</p>")
	}))
	defer site.Close()

	opt := fetch.DefaultFetchOptions()
	opt.UserAgent, opt.Rate = fetch.UserAgent("v1.0.0"), 10
	f, err := fetch.NewFetcher(opt, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	page, err := f.Get(ctx, site.URL+"/html/cqrb/node.htm", fetch.Validators{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(page.Status, string(page.Body), page.ETag)

	again, _ := f.Get(ctx, page.URL, fetch.Validators{ETag: page.ETag})
	fmt.Println(again.Status, len(again.Body))

	_, err = f.Get(ctx, site.URL+"/private/x.htm", fetch.Validators{})
	fmt.Println(errors.Is(err, fetch.ErrDisallowed))
	// Output:
	// 200 <p>第005版</p> "v1"
	// 304 0
	// true
}
