package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// themeName is the name under which the embedded theme is given to Hugo. A site's own
// layouts/, assets/ and archetypes/ override the theme's, as with any Hugo theme.
const themeName = "epaper"

// extractTheme writes the embedded theme to dir/epaper and returns dir, for use as Hugo's
// themesDir.
func extractTheme(theme fs.FS, dir string) error {
	root := filepath.Join(dir, themeName)
	err := fs.WalkDir(theme, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(root, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(theme, path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("extract theme: %w", err)
	}
	return nil
}
