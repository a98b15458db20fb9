package main

import (
	"fmt"
	"os"

	"github.com/epaper-archive/epaper/importer/extract"
)

// loadProfiles reads the --profile files: the profiles to read pages with, the user's first
// (one named as a built-in replaces it), then the built-ins; nil when none is given. A file
// that cannot be read or is not a good profile is a usage error naming it (the line and the
// key too, for a bad selector or pattern).
func loadProfiles(files []string) ([]*extract.Profile, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var user []*extract.Profile
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, usageError{fmt.Errorf("--profile: %w", err)}
		}
		p, err := extract.LoadProfile(f, data)
		if err != nil {
			return nil, usageError{fmt.Errorf("--profile: %w", err)}
		}
		user = append(user, p)
	}
	return extract.WithProfiles(user...), nil
}
