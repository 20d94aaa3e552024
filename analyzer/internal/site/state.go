package site

import (
	"go/ast"
	"go/types"
	"maps"
)

// state is what one path knows: tracked locals and what happened on the
// way since the attempt.
type state struct {
	vals   map[types.Object]value
	delays map[types.Object]dinfo

	attempted bool // the attempt has run on this path
	// last: the path took a branch that only the loop's last iteration
	// takes (see lastIteration); the loop ends after it
	last bool

	// effects since the attempt
	waits      []Delay
	refreshed  bool
	authSet    bool // an Authorization header was set after a refresh
	newSession bool // a session was created
	terminated bool // a session was terminated
	keyChanged bool // the idempotency key was made anew
	named      bool // the failure was compared with its own code or status
	readCode   bool
	readStatus bool
	// cause: the return of a predicate of this package that said true on
	// the way (a helper that decides the retry), and its name
	cause     ast.Node
	causeName string

	// halt is set by a call that ends the path inside an expression: a
	// recursive call (next attempt) or panic/os.Exit (exit).
	halt     ctl
	haltNode ast.Node
}

func newState() *state {
	return &state{vals: map[types.Object]value{}, delays: map[types.Object]dinfo{}}
}

func (s *state) clone() *state {
	n := *s
	n.vals = maps.Clone(s.vals)
	n.delays = maps.Clone(s.delays)
	n.waits = append([]Delay(nil), s.waits...)
	return &n
}

// ctl is how a statement hands control on.
type ctl int

const (
	cNormal   ctl = iota
	cBreak        // break, with label
	cContinue     // continue, with label
	cGoto         // goto label
	cFall         // fallthrough
	cReturn       // return from the function
	cExit         // panic, os.Exit, log.Fatal
	cNext         // a recursive call: the next attempt
	cReached      // pass 2 reached the attempt again
	cUnknown      // a failure-dependent condition could not be resolved
)

// flow is one path leaving a statement.
type flow struct {
	st    *state
	ctl   ctl
	label string
	node  ast.Node // the statement that transferred control
}
