package plugin_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/plugin"
)

// configSettings returns the setting names of analyzer.Config: its json
// tags, which are also the flag names.
func configSettings(t *testing.T) []string {
	t.Helper()
	var names []string
	typ := reflect.TypeFor[analyzer.Config]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "-" {
			continue // set by code (a writer, the plugin itself), not a setting
		}
		if name == "" {
			t.Fatalf("Config.%s has no json name", typ.Field(i).Name)
		}
		names = append(names, name)
	}
	return names
}

// TestExampleConfig checks .golangci.example.yml: golangci-lint v2 form,
// retrylint enabled as a module plugin, and every setting of
// analyzer.Config at its default with a comment, accepted by the plugin.
func TestExampleConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".golangci.example.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version string
		Linters struct {
			Enable   []string
			Settings struct {
				Custom map[string]struct {
					Type        string
					Description string
					OriginalURL string `yaml:"original-url"`
					Settings    map[string]any
				}
			}
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != "2" {
		t.Errorf("version %q, want \"2\"", cfg.Version)
	}
	if !slices.Contains(cfg.Linters.Enable, plugin.Name) {
		t.Errorf("linters.enable %v does not enable %s", cfg.Linters.Enable, plugin.Name)
	}
	custom, ok := cfg.Linters.Settings.Custom[plugin.Name]
	if !ok {
		t.Fatalf("no linters.settings.custom.%s", plugin.Name)
	}
	if custom.Type != "module" || custom.Description == "" || custom.OriginalURL != "github.com/retrylint/retrylint" {
		t.Errorf("type %q, description %q, original-url %q", custom.Type, custom.Description, custom.OriginalURL)
	}
	var keys []string
	for k := range custom.Settings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := configSettings(t)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("settings %v, want every Config setting %v", keys, want)
	}
	for _, name := range want {
		// A one-line comment above each setting.
		re := regexp.MustCompile(`(?m)^ *# .+\n *` + regexp.QuoteMeta(name) + `: `)
		if !re.Match(data) {
			t.Errorf("setting %s has no comment line above it", name)
		}
	}
	// Defaults: each setting at the zero value of its field.
	for name, v := range custom.Settings {
		if !reflect.ValueOf(v).IsZero() && !(reflect.ValueOf(v).Kind() == reflect.Slice && reflect.ValueOf(v).Len() == 0) {
			t.Errorf("setting %s is %v, not its default", name, v)
		}
	}
	if _, _, err := build(custom.Settings); err != nil {
		t.Errorf("the plugin rejects the example settings: %v", err)
	}
}

// TestCustomGCL checks .custom-gcl.yml against the plugin package and the
// golangci-lint version that scripts/build-golangci.sh builds.
func TestCustomGCL(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".custom-gcl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version string
		Plugins []struct {
			Module, Import, Version, Path string
		}
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join("..", "scripts", "build-golangci.sh"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`GOLANGCI_LINT_VERSION:-(v[0-9.]+)`).FindSubmatch(script)
	if m == nil {
		t.Fatal("no default version in scripts/build-golangci.sh")
	}
	if cfg.Version != string(m[1]) {
		t.Errorf(".custom-gcl.yml builds golangci-lint %s, scripts/build-golangci.sh %s", cfg.Version, m[1])
	}
	if len(cfg.Plugins) != 1 {
		t.Fatalf("%d plugins, want 1", len(cfg.Plugins))
	}
	p := cfg.Plugins[0]
	if p.Module != "github.com/retrylint/retrylint" || p.Import != "github.com/retrylint/retrylint/plugin" {
		t.Errorf("module %q, import %q", p.Module, p.Import)
	}
	// golangci-lint custom wants exactly one of version and path.
	if (p.Version == "") == (p.Path == "") {
		t.Errorf("version %q and path %q: give exactly one", p.Version, p.Path)
	}
	if p.Path != "" {
		if _, err := os.Stat(filepath.Join("..", p.Path, "plugin", "plugin.go")); err != nil {
			t.Errorf("path %q is not this repository: %v", p.Path, err)
		}
	}
}
