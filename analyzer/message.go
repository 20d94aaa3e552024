package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer/internal/site"
)

// checkMessage reports a retry decision that branches on the failure's
// message text while the failure carries a code or a status to branch on.
func checkMessage(pass *analysis.Pass, s *settings, st *site.Site) {
	for _, cond := range st.MessageConds {
		report(pass, RuleMessage, cond, st,
			"retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status", nil)
	}
}
