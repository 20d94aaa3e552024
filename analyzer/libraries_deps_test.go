package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/mod/modfile"

	// The retry libraries of the testdata module testdata/mod/libs. The
	// imports keep them in our go.mod, so that go test downloads them into
	// the module cache before the test binary runs; the module-mode
	// analysistest run of TestLibraries loads them from there offline.
	_ "github.com/avast/retry-go/v4"
	_ "github.com/cenkalti/backoff/v4"
	_ "github.com/cenkalti/backoff/v5"
	_ "github.com/go-resty/resty/v2"
	_ "github.com/google/uuid" // the keys of the idempotency cases
	_ "github.com/hashicorp/go-retryablehttp"
	_ "github.com/sethvargo/go-retry"
)

// libraryModules are the retry libraries retrylint knows, by module path.
var libraryModules = []string{
	"github.com/avast/retry-go/v4",
	"github.com/cenkalti/backoff/v4",
	"github.com/cenkalti/backoff/v5",
	"github.com/go-resty/resty/v2",
	"github.com/hashicorp/go-retryablehttp",
	"github.com/sethvargo/go-retry",
}

// TestLibraryVersionsAgree fails when our go.mod and the testdata
// module's go.mod require different versions of a retry library, or when
// either lacks one: the cases are written against one version, and the
// module cache holds the one our go.mod asks for.
func TestLibraryVersionsAgree(t *testing.T) {
	root := requiredVersions(t, filepath.Join("..", "go.mod"))
	libs := requiredVersions(t, filepath.Join(libsModuleDir(t), "go.mod"))
	for _, mod := range libraryModules {
		rv, ok := root[mod]
		if !ok {
			t.Errorf("go.mod does not require %s", mod)
			continue
		}
		lv, ok := libs[mod]
		if !ok {
			t.Errorf("testdata/mod/libs/go.mod does not require %s", mod)
			continue
		}
		if rv != lv {
			t.Errorf("%s: go.mod requires %s, testdata/mod/libs/go.mod requires %s", mod, rv, lv)
		}
	}
}

// requiredVersions parses a go.mod file and returns its requirements.
func requiredVersions(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	out := map[string]string{}
	for _, r := range f.Require {
		out[r.Mod.Path] = r.Mod.Version
	}
	return out
}
