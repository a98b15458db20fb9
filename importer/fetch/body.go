package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
)

// memBudget is the bytes of bodies a Fetcher holds in memory while it reads them, all
// requests together. A body that would go past it is read into a temporary file instead.
type memBudget struct {
	mu   sync.Mutex
	free int64
}

// take takes n bytes of the budget, if there are that many left.
func (b *memBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.free < n {
		return false
	}
	b.free -= n
	return true
}

func (b *memBudget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.free += n
}

// spill writes what was read of a body so far into a temporary file, to go on there.
func (f *Fetcher) spill(read []byte) (*os.File, error) {
	file, err := os.CreateTemp(f.opt.TempDir, "epaper-body-*")
	if err == nil {
		if _, err = file.Write(read); err != nil {
			file.Close()
			os.Remove(file.Name())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("a body past the memory budget: %w", err)
	}
	return file, nil
}

type maxBytesKey struct{}

// WithMaxBytes returns ctx with a lower limit than MaxBytes on the bodies of the requests
// made with it (a page of HTML, which a server has no reason to make large, say).
func WithMaxBytes(ctx context.Context, n int64) context.Context {
	return context.WithValue(ctx, maxBytesKey{}, n)
}

// maxBytes is the limit on the body of a request made with ctx.
func (f *Fetcher) maxBytes(ctx context.Context) int64 {
	if n, ok := ctx.Value(maxBytesKey{}).(int64); ok && n > 0 && n < f.opt.MaxBytes {
		return n
	}
	return f.opt.MaxBytes
}

// readChunk is how much of a body is read at a time.
const readChunk = 32 << 10

// chunks are the read buffers of readBody, reused: one a request was a third of the bytes an
// import allocated.
var chunks = sync.Pool{New: func() any { return new([readChunk]byte) }}

// readBody reads at most MaxBytes of the body (decompressed, when the transport asked for
// gzip): more is an error, so neither a gzip bomb nor an endless body is read to its end.
// While it reads, the body is held in memory within the Fetcher's MaxMemory, shared by every
// request; past it, in a temporary file (in TempDir), so that what a server sends cannot
// make an import hold more than MaxMemory of bodies being read, whatever the concurrency.
// A body read whole is returned in memory.
func (f *Fetcher) readBody(ctx context.Context, resp *http.Response) (data []byte, err error) {
	limit := f.maxBytes(ctx)
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("larger than %d bytes (Content-Length %d)", limit, resp.ContentLength)
	}
	var buf []byte
	var spill *os.File
	var held int64 // of the budget
	defer func() {
		f.budget.give(held)
		if spill != nil {
			spill.Close()
			os.Remove(spill.Name())
		}
	}()
	c := chunks.Get().(*[readChunk]byte)
	defer chunks.Put(c)
	chunk := c[:]
	var total int64
	for {
		n, rerr := resp.Body.Read(chunk)
		total += int64(n)
		if total > limit {
			return nil, fmt.Errorf("larger than %d bytes", limit)
		}
		if n > 0 && spill == nil && len(buf)+n > cap(buf) {
			// grow within the budget: what is held is the capacity, not the length
			grown := max(2*cap(buf), len(buf)+n, 64<<10)
			if cap(buf) == 0 && resp.ContentLength > 0 { // the size said (at most limit): no more
				grown = max(len(buf)+n, int(resp.ContentLength))
			}
			if f.budget.take(int64(grown - cap(buf))) {
				held += int64(grown - cap(buf))
				buf = append(make([]byte, 0, grown), buf...)
			} else if spill, err = f.spill(buf); err != nil {
				return nil, err
			} else {
				buf = nil
				f.budget.give(held)
				held = 0
			}
		}
		if n > 0 && spill == nil {
			buf = append(buf, chunk[:n]...)
		} else if n > 0 {
			if _, err := spill.Write(chunk[:n]); err != nil {
				return nil, fmt.Errorf("a body past the memory budget: %w", err)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil, rerr
		}
	}
	if spill == nil {
		return buf, nil
	}
	if _, err := spill.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	data = make([]byte, total)
	_, err = io.ReadFull(spill, data)
	return data, err
}
