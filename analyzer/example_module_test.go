package analyzer_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// exampleModule is the module that shows users how to test retrylint's
// findings on their own code with analysistest.
var exampleModule = filepath.Join("..", "examples", "analysistest")

// TestExampleModule runs `go test ./...` in examples/analysistest, a module
// of its own that uses this checkout through a replace directive, exactly as
// a user's module uses a released retrylint.
func TestExampleModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test in another module")
	}
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = exampleModule
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test ./... in %s: %v\n%s", exampleModule, err, out)
	}
	t.Logf("%s", out)
}

// TestExampleModuleVersions checks that the example module requires the
// versions that our go.mod requires, so that it tests what users get.
func TestExampleModuleVersions(t *testing.T) {
	ours := exampleModuleRequires(t, filepath.Join("..", "go.mod"))
	theirs := exampleModuleRequires(t, filepath.Join(exampleModule, "go.mod"))
	if theirs["github.com/retrylint/retrylint"] == "" {
		t.Error("the example module does not require github.com/retrylint/retrylint")
	}
	for path, v := range theirs {
		if w, ok := ours[path]; ok && w != v {
			t.Errorf("examples/analysistest/go.mod requires %s %s, our go.mod %s", path, v, w)
		}
	}
}

// exampleModuleRequires returns the requirements of a go.mod file.
func exampleModuleRequires(t *testing.T, gomod string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "mod", "edit", "-json", gomod).Output()
	if err != nil {
		t.Fatalf("go mod edit -json %s: %v", gomod, err)
	}
	var f struct {
		Require []struct{ Path, Version string }
	}
	if err := json.Unmarshal(out, &f); err != nil {
		t.Fatal(err)
	}
	req := map[string]string{}
	for _, r := range f.Require {
		req[r.Path] = r.Version
	}
	return req
}
