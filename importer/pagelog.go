package importer

import (
	"bytes"
	"context"
	"io"
	"sync"
)

// pageLogs keeps each page's log lines until every page before it is done, so that the log
// lists the pages of an edition in page order, whichever page's fetches finish first.
type pageLogs struct {
	mu   sync.Mutex
	out  io.Writer
	bufs []bytes.Buffer
	done []bool
	next int // the first page not yet written out
}

func newPageLogs(out io.Writer, pages int) *pageLogs {
	return &pageLogs{out: out, bufs: make([]bytes.Buffer, pages), done: make([]bool, pages)}
}

// finish marks page i done and writes out the lines of the pages now complete in order.
func (l *pageLogs) finish(i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done[i] = true
	for l.next < len(l.done) && l.done[l.next] {
		l.out.Write(l.bufs[l.next].Bytes())
		l.bufs[l.next] = bytes.Buffer{}
		l.next++
	}
}

// flush writes out what is left (pages not finished: an import that was stopped).
func (l *pageLogs) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for ; l.next < len(l.bufs); l.next++ {
		l.out.Write(l.bufs[l.next].Bytes())
	}
}

type pageLogWriter struct {
	l *pageLogs
	i int
}

func (w pageLogWriter) Write(p []byte) (int, error) {
	w.l.mu.Lock()
	defer w.l.mu.Unlock()
	if w.l.next > w.i { // already written out: straight through
		return w.l.out.Write(p)
	}
	return w.l.bufs[w.i].Write(p)
}

type pageLogKey struct{}

// withPageLog returns ctx carrying the log of page i of l.
func withPageLog(ctx context.Context, l *pageLogs, i int) context.Context {
	return context.WithValue(ctx, pageLogKey{}, pageLogWriter{l, i})
}

// logFor is where a line about the page ctx belongs to goes: its place in the page order,
// or the import's log.
func (im *Importer) logFor(ctx context.Context) io.Writer {
	if w, ok := ctx.Value(pageLogKey{}).(pageLogWriter); ok {
		return w
	}
	return im.opt.Log
}
