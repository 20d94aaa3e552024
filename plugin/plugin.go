// Package plugin registers retrylint as a golangci-lint module plugin.
//
// Build a golangci-lint that contains it with `golangci-lint custom` and the
// repository's .custom-gcl.yml, or offline with scripts/build-golangci.sh,
// then enable it as shown in .golangci.example.yml. The settings under
// linters.settings.custom.retrylint.settings are the fields of
// analyzer.Config, with the same names as the command-line flags: policy,
// rules and client-packages. Unknown settings are errors.
package plugin

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/retrylint/retrylint/analyzer"
)

// Name is the name the plugin is registered under: the key of its entry in
// linters.settings.custom, the linter name golangci-lint prints, and the
// name that //nolint directives use.
const Name = "retrylint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is retrylint as a golangci-lint module plugin.
type Plugin struct {
	config analyzer.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes golangci-lint settings into an analyzer.Config. Settings may be
// nil, which means the defaults. A setting that is not a field of the Config
// is an error.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := register.DecodeSettings[analyzer.Config](settings)
	if err != nil {
		return nil, err
	}
	cfg.FoldRelated = true // golangci-lint shows one issue per line and no Related
	return &Plugin{config: cfg}, nil
}

// BuildAnalyzers returns the retrylint analyzer built from the settings, or
// an error naming the setting that is wrong.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	a, err := analyzer.New(p.config)
	if err != nil {
		return nil, err
	}
	// golangci-lint runs the inspect pass once per package for every
	// linter that asks for it: retrylint uses that inspector rather than
	// building one of its own
	a.Requires = append(a.Requires, inspect.Analyzer)
	return []*analysis.Analyzer{a}, nil
}

// GetLoadMode reports that the analyzer needs type information.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
