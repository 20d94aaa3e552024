// Package site finds retry sites in a package and evaluates each into an
// outcome table: for every scenario of the policy (what the server said),
// what the code does next and what it does on the way there.
package site

import (
	"go/ast"
	"go/token"
)

// Mechanism is how a site runs an attempt again.
type Mechanism int

// The retry mechanisms.
const (
	Loop Mechanism = iota
	LabeledContinue
	Goto
	Recursion
	Library
)

func (m Mechanism) String() string {
	switch m {
	case Loop:
		return "loop"
	case LabeledContinue:
		return "labeled continue"
	case Goto:
		return "goto"
	case Recursion:
		return "recursion"
	case Library:
		return "retry library"
	}
	return "unknown"
}

// Scenario is one assumption about an attempt's result.
type Scenario struct {
	Code      string // API code, or "" for a status-only scenario
	Status    int    // HTTP status; 0 for a transport error
	Transport bool   // the request failed before any response
	Success   bool   // the attempt succeeded (status 200, no error)
}

// Name is the code, or the status, as messages name it.
func (s Scenario) Name() string {
	switch {
	case s.Transport:
		return "transport error"
	case s.Success:
		return "success"
	case s.Code != "":
		return s.Code
	}
	return itoa(s.Status)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [12]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Outcome is where a scenario leads.
type Outcome int

// The outcomes of a scenario.
const (
	Exit    Outcome = iota // return, break, panic, permanent error
	Next                   // the next attempt
	Unknown                // a failure-dependent condition could not be resolved
)

func (o Outcome) String() string {
	switch o {
	case Exit:
		return "exit"
	case Next:
		return "next attempt"
	}
	return "unknown"
}

// DelayKind is how a wait grows from one attempt to the next.
type DelayKind int

// The delay kinds, weakest first. RetryAfter and Unknown stand apart.
const (
	NoDelay DelayKind = iota
	Constant
	Linear
	Exponential
	RetryAfter   // derived from the Retry-After header or a field carrying it
	UnknownDelay // a wait whose growth cannot be told
)

func (k DelayKind) String() string {
	switch k {
	case NoDelay:
		return "no delay"
	case Constant:
		return "constant delay"
	case Linear:
		return "linear delay"
	case Exponential:
		return "exponential delay"
	case RetryAfter:
		return "delay from Retry-After"
	}
	return "unknown delay"
}

// Bug is a unit or operator mistake in a delay expression.
type Bug int

// The delay bugs.
const (
	NoBug           Bug = iota
	SecondsNoUnit       // Retry-After seconds made a Duration with no unit
	SecondsAsMillis     // Retry-After seconds multiplied by time.Millisecond
	ResetAsDuration     // X-RateLimit-Reset (a Unix time) slept as a duration
	XorPower            // 2^n, which is XOR in Go
)

// Delay is one wait on the way to the next attempt.
type Delay struct {
	Kind DelayKind
	Pos  token.Pos // the wait
	Bug  Bug
	// BugExpr is the faulty expression, and Fix its replacement text,
	// when Bug is set; Fix is empty when no edit is certain.
	BugExpr ast.Expr
	Fix     string
}

// Path is one way from a failed attempt to the next attempt.
type Path struct {
	Retry      ast.Node // the statement or call that starts the next attempt
	Wait       ast.Node // where the wait is chosen, when not on the path (a client's Backoff)
	Mechanism  Mechanism
	Delays     []Delay
	Refreshed  bool // a new token was obtained
	StaleAuth  bool // the new token is not what the next request sends
	NewSession bool // a new session was created
	Terminated bool // a session was terminated
	KeyChanged bool // the idempotency key was made anew
	// Unbounded: a recursive call that passes every attempt counter on
	// unchanged, in a function that looks at no context or clock: this
	// path can recur forever even where other paths count.
	Unbounded bool
	// Named: the path compared the failure with the scenario's own code
	// or status (== 410, case "SESSION_EXPIRED", errors.Is with its
	// sentinel), not only with others or with a range.
	Named      bool
	ReadCode   bool // the path branched on the API code
	ReadStatus bool // the path branched on the HTTP status
	// Cause is the return of a helper predicate of the package that said
	// true on the way (it decided the retry), and CauseName its name.
	Cause     ast.Node
	CauseName string
}

// Delay returns the strongest wait of the path.
func (p *Path) Delay() Delay {
	best := Delay{Kind: NoDelay, Pos: token.NoPos}
	for _, d := range p.Delays {
		if rank(d.Kind) > rank(best.Kind) {
			best = d
		}
	}
	return best
}

// rank orders kinds for Path.Delay: an unknown wait silences the growth
// rules, so it ranks above every known kind.
func rank(k DelayKind) int {
	switch k {
	case NoDelay:
		return 0
	case Constant:
		return 1
	case Linear:
		return 2
	case Exponential:
		return 3
	case RetryAfter:
		return 4
	}
	return 5
}

// Row is one scenario of an outcome table.
type Row struct {
	Scenario Scenario
	Outcome  Outcome
	// Paths are the ways to the next attempt when Outcome is Next.
	Paths []Path
	// Why says what made an Unknown outcome unknown, for people.
	Why string
}

// Site is a place that can run a failed attempt again, with its table.
type Site struct {
	Attempt *ast.CallExpr // the call that reaches the API; nil for a client's retry policy
	Config  ast.Node      // the retry policy a client is configured with, when Attempt is nil
	Pos     token.Pos     // the loop, label, function or configuration that repeats it
	End     token.Pos     // the end of the code that repeats it
	Kind    string        // how it repeats: loop, goto, recursion, a library or helper
	Func    string        // the enclosing function, as Go writes a method: (*T).M
	Rows    []Row
	// MessageConds are conditions between the attempt and the next one
	// that branch on the failure's message text while it carries a code
	// or a status.
	MessageConds []ast.Node
	// Unbounded: a loop with no bound the analysis can see (no tested
	// counter, deadline, context or stop channel).
	Unbounded bool
	// Loop is the loop statement that repeats the attempt, or nil.
	Loop ast.Stmt
	// UnboundedBy is the library option that makes a library site retry
	// without end (retry-go's Attempts(0) with no Context), or nil.
	UnboundedBy ast.Node
	// Order is the order the attempt places (a request to an
	// idempotency-key endpoint), or nil.
	Order *Order
}
