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

// extractTheme writes the embedded theme to dir/epaper, for dir to be Hugo's themesDir.
func extractTheme(theme fs.FS, dir string) error {
	if err := os.CopyFS(filepath.Join(dir, themeName), theme); err != nil {
		return fmt.Errorf("extract theme: %w", err)
	}
	return nil
}
