package site

import (
	"fmt"
	"strings"
)

// FuncSummary is the fact retrylint exports for a function that takes part
// in retries, so that callers in other packages see through it: it sends
// the API request, obtains a token, waits or returns a delay, or answers
// a question about a failure.
type FuncSummary struct {
	Attempt      bool // sends the API request
	APIErrors    bool // with Attempt: failures come back as errors carrying the API code
	Errors       bool // with Attempt: failures come back as errors that carry no API code
	Response     bool // with Attempt: returns the *http.Response
	StatusResult int  // with Attempt: the result that carries the HTTP status, or -1
	Refresh      bool // obtains a new token and stores it where requests read it
	NewSession   bool // creates a session
	Terminate    bool // terminates a session
	// Order, with Attempt: the idempotency-key endpoint it sends to, and
	// how it keys the request (OrderKey; OrderKeyParam and OrderKeyField
	// when a parameter carries the key).
	Order         string
	OrderKey      KeyState
	OrderKeyParam int
	OrderKeyField string
	Waits         bool      // waits
	WaitParam     int       // with Waits: the parameter it waits for, or -1
	WaitKind      DelayKind // with Waits and no WaitParam: how its wait grows
	Returns       DelayKind // the growth of the delay it returns; UnknownDelay if none
	ReturnsParam  bool      // the returned delay grows with an integer parameter
	Pred          []PredResult
	PredReads     int        // with Pred: 1 if it reads the code, 2 the status, 3 both
	RetryParam    int        // a retry helper: the function parameter it calls again, or -1
	Retries       []RetryRow // with RetryParam: what it does when that function fails
	// HasVerdict: with RetryParam, the function it calls again returns its
	// own verdict (result Verdict, a bool) and the helper honours it,
	// waiting the function's wait result VerdictWait (or -1: its own wait,
	// of growth VerdictDelay).
	HasVerdict   bool
	Verdict      int
	VerdictWait  int
	VerdictDelay DelayKind
}

// RetryRow is what a retry helper does when the function it retries fails
// in one scenario.
type RetryRow struct {
	Scenario string // as in PredResult
	Next     bool   // it calls the function again
	Delay    DelayKind
	Named    bool // it compared the failure with this very code or status
}

// PredResult is what a predicate returns under one scenario.
type PredResult struct {
	Scenario string // a code, "status 429", or "transport error"
	Result   int    // 0 false, 1 true
}

// AFact marks FuncSummary as an analysis fact.
func (*FuncSummary) AFact() {}

func (s *FuncSummary) String() string {
	var parts []string
	if s.Attempt {
		a := "attempt"
		switch {
		case s.Response:
			a += "(response)"
		case s.APIErrors:
			a += "(api errors)"
		case s.Errors:
			a += "(errors)"
		case s.StatusResult >= 0:
			a += fmt.Sprintf("(status result %d)", s.StatusResult)
		}
		parts = append(parts, a)
	}
	if s.Refresh {
		parts = append(parts, "refresh")
	}
	if s.NewSession {
		parts = append(parts, "new session")
	}
	if s.Terminate {
		parts = append(parts, "terminates session")
	}
	if s.Order != "" {
		k := s.OrderKey.String()
		if s.OrderKey == KeyParam {
			k = fmt.Sprintf("key from param %d", s.OrderKeyParam)
			if s.OrderKeyField != "" {
				k += "." + s.OrderKeyField
			}
		}
		parts = append(parts, "order("+s.Order+", "+k+")")
	}
	if s.Waits {
		if s.WaitParam >= 0 {
			parts = append(parts, fmt.Sprintf("waits(param %d)", s.WaitParam))
		} else {
			parts = append(parts, "waits("+s.WaitKind.String()+")")
		}
	}
	if s.Returns != UnknownDelay {
		r := "returns(" + s.Returns.String()
		if s.ReturnsParam {
			r += " in param"
		}
		parts = append(parts, r+")")
	}
	if s.RetryParam >= 0 && s.HasVerdict {
		parts = append(parts, fmt.Sprintf("retries(param %d, verdict %d)", s.RetryParam, s.Verdict))
	} else if s.RetryParam >= 0 {
		parts = append(parts, fmt.Sprintf("retries(param %d)", s.RetryParam))
	}
	if len(s.Pred) > 0 {
		var t []string
		for _, p := range s.Pred {
			if p.Result == 1 {
				t = append(t, p.Scenario)
			}
		}
		parts = append(parts, "true for "+strings.Join(t, ", "))
	}
	return strings.Join(parts, " ")
}

// Sentinel is the fact for a package-level error variable that stands for
// API codes, learnt from its initializer or from the function that maps
// codes to it.
type Sentinel struct {
	Codes []string
}

// AFact marks Sentinel as an analysis fact.
func (*Sentinel) AFact() {}

func (s *Sentinel) String() string { return "sentinel(" + strings.Join(s.Codes, ", ") + ")" }
