package importer

import (
	"bytes"
	"context"
	"fmt"
	"image"

	"github.com/epaper-archive/epaper/importer/bundle"
	"github.com/epaper-archive/epaper/importer/fetch"
)

// KindFile is the kind of a report Item for a file of a bundle (a scan, a PDF, an image)
// that could not be fetched: the page or article it belongs to is imported, and keeps the
// copy an earlier import fetched, if there is one.
const KindFile = "file"

// fileFailure is a file of a bundle that could not be fetched.
type fileFailure struct {
	url, bundle string
	err         error
}

// fetchFile fetches the file name of the bundle whose index file is index from u and checks
// it with check. With reuse (the page did not change), the copy the bundle keeps of it
// stands in for the fetch. When the fetch fails, the kept copy stands in too, and the error
// is returned with it: a file once had is never dropped for a failed re-fetch.
func (im *Importer) fetchFile(ctx context.Context, u, index, name string, check func([]byte) error, reuse bool) (data []byte, err error) {
	kept := func() []byte {
		if data := bundle.KeptFile(index, name, u); data != nil && check(data) == nil {
			return data
		}
		return nil
	}
	if reuse {
		if data := kept(); data != nil {
			return data, nil
		}
	}
	if err := im.fetchable(u); err != nil {
		return nil, err // not even a kept copy: the page now names a file elsewhere
	}
	f, err := im.fetcher.Get(ctx, u, fetch.Validators{})
	if err == nil {
		if err = check(f.Body); err == nil {
			return f.Body, nil
		}
		err = fmt.Errorf("%s: %w", u, err)
	}
	return kept(), err
}

// isImage checks that data is an image of a known format.
func isImage(data []byte) error {
	if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("not an image: %w", err)
	}
	return nil
}

func anyFile([]byte) error { return nil }

// addFileFailures reports the files of a bundle that could not be fetched.
func addFileFailures(rep *Report, fails []fileFailure) {
	for _, f := range fails {
		rep.add(KindFile, f.url, f.bundle, Failed, f.err)
	}
}
