package archive

import (
	"bytes"
	"io"
	"os"
)

// spillMem is how much of a recorded body, or of a compressed record, is held in memory;
// the rest goes to a temporary file, so that recording does not make an import hold what
// the server sends.
const spillMem = 1 << 20

// spillBuffer holds bytes in memory up to spillMem, then in a temporary file.
type spillBuffer struct {
	mem  bytes.Buffer
	file *os.File
	n    int64
	err  error // the first error writing to the file
}

func (b *spillBuffer) Write(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.file == nil && b.mem.Len()+len(p) > spillMem {
		if b.file, b.err = os.CreateTemp("", "epaper-warc-*"); b.err != nil {
			return 0, b.err
		}
		if _, b.err = b.file.Write(b.mem.Bytes()); b.err != nil {
			return 0, b.err
		}
		b.mem = bytes.Buffer{}
	}
	if b.file != nil {
		if _, b.err = b.file.Write(p); b.err != nil {
			return 0, b.err
		}
	} else {
		b.mem.Write(p)
	}
	b.n += int64(len(p))
	return len(p), nil
}

// Len is how many bytes were written.
func (b *spillBuffer) Len() int64 { return b.n }

// Reader reads what was written, from the start.
func (b *spillBuffer) Reader() (io.Reader, error) {
	if b.err != nil {
		return nil, b.err
	}
	if b.file == nil {
		return bytes.NewReader(b.mem.Bytes()), nil
	}
	if _, err := b.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return io.LimitReader(b.file, b.n), nil
}

// Close removes the temporary file, if any.
func (b *spillBuffer) Close() {
	if b.file != nil {
		b.file.Close()
		os.Remove(b.file.Name())
		b.file = nil
	}
	b.mem = bytes.Buffer{}
}
