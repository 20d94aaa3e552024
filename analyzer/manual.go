package analyzer

import (
	_ "embed"
	"strings"
)

//go:embed doc.go
var docSource string

// manual extracts the "# Analyzer retrylint" section of doc.go: the text
// between that heading and the next heading or the package clause, with
// the comment markers and the leading "retrylint: " removed, as the x/tools
// analyzers' doc extraction does.
func manual() string {
	var lines []string
	in := false
	for _, line := range strings.Split(docSource, "\n") {
		if !strings.HasPrefix(line, "//") {
			if in {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if strings.HasPrefix(text, "# ") {
			if in {
				break
			}
			in = text == "# Analyzer retrylint"
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	doc := strings.TrimSpace(strings.Join(lines, "\n"))
	return strings.TrimPrefix(doc, "retrylint: ")
}
