package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Temporary folders carry the pid of the process that made them (NAME-pPID-RANDOM), so that
// a later run can tell the leftovers of a killed one (its process is gone) from the folders
// of a run still going, and remove them. Folders named by an epaper that wrote no pid are
// removed once a day old.

// legacyAge is the age after which a temporary folder without a pid is taken for a leftover.
const legacyAge = 24 * time.Hour

// ownedPattern is what MkdirTemp is given for a folder of this process named prefix.
func ownedPattern(prefix string) string {
	return prefix + "p" + strconv.Itoa(os.Getpid()) + "-"
}

// tempDir makes a folder in TMPDIR named prefix-pPID-RANDOM, after removing the ones a
// killed run left there.
func tempDir(prefix string) (string, error) {
	removeLeftovers(os.TempDir(), prefix, "")
	return os.MkdirTemp("", ownedPattern(prefix))
}

// leftover matches the rest of a temporary folder's name after its prefix: [WHAT-]pPID-RANDOM
// (a staging folder's WHAT: new, shards, merge), with anything after (.old, .parts-N), or
// [WHAT-]RANDOM (an older epaper's).
var leftover = regexp.MustCompile(`^(?:[a-z]+-)?(?:p(\d+)-)?\d+(\.old$|\.|$)`)

// removeLeftovers removes the folders in dir named prefix… that a run which has ended left
// behind. If restore is not "" and does not exist, a folder moved aside by a killed swap
// (….old) is moved back to restore instead: it is the last complete output. Failures are
// ignored: a leftover that cannot be removed only takes room.
func removeLeftovers(dir, prefix, restore string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		m := leftover.FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		if m[1] != "" {
			pid, err := strconv.Atoi(m[1])
			if err != nil || pid == os.Getpid() || alive(pid) {
				continue
			}
		} else if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < legacyAge {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if restore != "" && m[2] == ".old" {
			if _, err := os.Lstat(restore); errors.Is(err, fs.ErrNotExist) && os.Rename(path, restore) == nil {
				continue
			}
		}
		_ = os.RemoveAll(path)
	}
}
