package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gohugoio/hugo/common/hmaps"
)

// WriteCLISite prepares a build of o.SiteDir by the hugo command, with exactly the settings
// epaper build gives the library (hugoConfig) and the same theme: it writes dir/hugo.json and
// extracts the theme into dir/themes, and returns the arguments for hugo:
//
//	hugo --source SITE --config DIR/hugo.json --quiet
//
// The site is published into o.OutDir (default dir/public) and Hugo's cache is dir/cache.
// It is for comparing the library build with the hugo command of the same version on the
// same content (make bench); epaper itself never runs hugo. The command copies static/ as
// epaper build does, but writes no search index (compare with Options.NoSearch). A site
// with its own hugo.toml or config/ is refused: epaper merges it under its own settings,
// which one --config file cannot express.
func WriteCLISite(o Options, dir string) ([]string, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	siteDir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return nil, err
	}
	o.SiteDir = siteDir
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	for _, own := range []string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json", "config"} {
		if _, err := os.Stat(filepath.Join(siteDir, own)); err == nil {
			return nil, fmt.Errorf("site %q has its own %s: not supported for the hugo command", siteDir, own)
		}
	}
	out := o.OutDir
	if out == "" {
		out = filepath.Join(dir, "public")
	}
	if out, err = filepath.Abs(out); err != nil {
		return nil, err
	}
	themesDir := filepath.Join(dir, "themes")
	if err := os.RemoveAll(themesDir); err != nil {
		return nil, err
	}
	if err := extractTheme(o.Theme, themesDir); err != nil {
		return nil, err
	}
	settings, ok := hugoConfig(o, out, themesDir, filepath.Join(dir, "cache"), shardPlan{}).Get("").(hmaps.Params)
	if !ok {
		return nil, errors.New("site: the Hugo configuration is not a map")
	}
	delete(settings, "workingdir") // --source says it
	data, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("site: hugo.json: %w", err)
	}
	cfgFile := filepath.Join(dir, "hugo.json")
	if err := os.WriteFile(cfgFile, append(data, '\n'), 0o644); err != nil {
		return nil, err
	}
	return []string{"--source", siteDir, "--config", cfgFile, "--quiet"}, nil
}
