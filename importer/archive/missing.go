package archive

import "errors"

// ErrNotCaptured is what a Mirror or an ArchiveTransport answers, as a *MissingError, for a
// URL it does not hold: no server was asked, so there is no HTTP status to report.
var ErrNotCaptured = errors.New("not captured")

// MissingError says that a URL is not in a mirror or an archive, and where it was looked for:
// "not in the mirror: /m/epaper.cqrb.cn/html/cqrb/2021-04/14/009/node.htm". It is
// ErrNotCaptured for errors.Is.
type MissingError struct {
	URL    string // the URL asked for
	Where  string // "mirror" or "archive"
	Path   string // the file looked for, for a mirror; "" when no folder stands for the URL's host
	Reason string // why it could not be read, when it is there but may not be ("leads out of the mirror")
}

func (e *MissingError) Error() string {
	switch {
	case e.Where == "archive":
		return "not in the archive: " + e.URL
	case e.Path == "":
		return "not in the mirror: " + e.URL + " (no folder of its host in the mirror)"
	case e.Reason != "":
		return "not in the mirror: " + e.Path + " (" + e.Reason + ")"
	}
	return "not in the mirror: " + e.Path
}

// Is makes a MissingError ErrNotCaptured.
func (e *MissingError) Is(target error) bool { return target == ErrNotCaptured }
