package importer_test

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/epaper-archive/epaper/importer"
	"github.com/epaper-archive/epaper/importer/fetch"
	"github.com/epaper-archive/epaper/testdata/fixture"
	"github.com/epaper-archive/epaper/testdata/synth"
)

// The days of a range imported side by side write the same bytes, the same log and the same
// results as the days imported one by one, in date order: a day without an edition is
// reported in its place, and a day that leads to another day's edition (a refresh to it)
// imports that edition again, after it.
func TestRangeSideBySideIsTheSame(t *testing.T) {
	t.Parallel()
	host := filepath.Join(t.TempDir(), synth.Paper().Host)
	o := synth.Options{Days: 5, Pages: 3, Articles: 2, Seed: 1}.WithDefaults()
	if _, err := synth.Write(host, o); err != nil {
		t.Fatal(err)
	}
	page := func(day time.Time) string { return "/html/cqrb/" + day.Format("2006-01/02") + "/001/node.htm" }
	last, again := o.End(), o.End().AddDate(0, 0, 1)
	refresh := `<html><head><meta http-equiv="refresh" content="0; url=` + page(last) + `"></head></html>`
	if err := os.MkdirAll(filepath.Dir(filepath.Join(host, page(again))), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(host, page(again)), []byte(refresh), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := fixture.NewServer(host)
	defer srv.Close()
	start, err := url.Parse(srv.URL() + page(o.Start))
	if err != nil {
		t.Fatal(err)
	}
	from, to := o.Start.AddDate(0, 0, -1), o.End().AddDate(0, 0, 2)
	clock := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	newImporter := func(site string, jobs int, log *bytes.Buffer) *importer.Importer {
		opt := importer.Options{SiteDir: site, Fetch: fetch.DefaultFetchOptions(), EditionJobs: jobs, Log: log, Now: func() time.Time { return clock }}
		opt.Fetch.Rate = 0
		im, err := importer.New(opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		return im
	}
	var trees []map[string][]byte
	var logs []string
	var results [][]importer.DayResult
	for _, jobs := range []int{0, 1, 4} { // 0: one day at a time, a range of one day each
		site := t.TempDir()
		var log bytes.Buffer
		im := newImporter(site, max(jobs, 1), &log)
		var days []importer.DayResult
		if jobs == 0 {
			for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
				one, err := im.ImportRange(t.Context(), start, day, day)
				if err != nil {
					t.Fatal(err)
				}
				days = append(days, one...)
			}
		} else if days, err = im.ImportRange(t.Context(), start, from, to); err != nil {
			t.Fatal(err)
		}
		if len(days) != 8 || !days[0].Absent || !days[7].Absent || days[1].Report == nil || len(days[1].Report.Failures()) > 0 ||
			days[6].Report == nil || days[6].Report.Edition != days[5].Report.Edition {
			t.Fatalf("jobs %d: %+v", jobs, days)
		}
		var order []string
		for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
			if f := strings.Fields(line); f[0] == "edition" || f[0] == "no" {
				order = append(order, line)
			}
		}
		if len(order) != 8 || !strings.HasPrefix(order[0], "no edition on "+from.Format(time.DateOnly)) || !strings.Contains(order[6], last.Format(time.DateOnly)) {
			t.Errorf("jobs %d: editions logged in the order\n%s", jobs, strings.Join(order, "\n"))
		}
		logs = append(logs, log.String())
		results = append(results, days)
		trees = append(trees, readTree(t, filepath.Join(site, "content")))
	}
	for i, what := range []string{"", "one job", "four jobs"} {
		if i == 0 {
			continue
		}
		sameTree(t, "one day at a time, then "+what, trees[0], trees[i])
		if logs[0] != logs[i] {
			t.Errorf("%s: the logs differ:\n%s\nand\n%s", what, logs[0], logs[i])
		}
		if !reflect.DeepEqual(results[0], results[i]) {
			t.Errorf("%s: the results differ:\n%+v\n%+v", what, results[0], results[i])
		}
	}
}
