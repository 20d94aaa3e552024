// Package policy holds the error contract that retrylint checks code
// against: each API error code with its HTTP status and class, the class of
// each status for code that reads only statuses, and the names the analyzer
// recognises in client code. The default policy is an embedded data file; a
// user policy file of the same form adds to it or replaces it.
package policy

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Class is what the API documents as the right reaction to a failure.
type Class string

// The classes a code or status may have.
const (
	Never      Class = "never"       // never retry: the input or account must change
	Refresh    Class = "refresh"     // refresh the token, then retry
	Wait       Class = "wait"        // wait the Retry-After value, then retry
	Backoff    Class = "backoff"     // retry with exponential backoff
	NewSession Class = "new-session" // create a new session
	Terminate  Class = "terminate"   // terminate old sessions
	NewKey     Class = "new-key"     // retry with a new idempotency key
	Retryable  Class = "retryable"   // retrying is fine
	None       Class = "none"        // no retry guidance
)

// Classes lists every valid class in a fixed order.
var Classes = []Class{Never, Refresh, Wait, Backoff, NewSession, Terminate, NewKey, Retryable, None}

func validClass(c Class) bool {
	for _, k := range Classes {
		if k == c {
			return true
		}
	}
	return false
}

// Code is one API error code.
type Code struct {
	Name   string `yaml:"code" json:"code"`
	Status int    `yaml:"status" json:"status"`
	Class  Class  `yaml:"class" json:"class"`
	Remedy string `yaml:"remedy,omitempty" json:"remedy,omitempty"`
}

// Status is the class of an HTTP status for code that reads only statuses.
type Status struct {
	Status int    `yaml:"status" json:"status"`
	Class  Class  `yaml:"class" json:"class"`
	Remedy string `yaml:"remedy,omitempty" json:"remedy,omitempty"`
}

// Policy is a validated error contract.
type Policy struct {
	Codes    []Code
	Statuses []Status
	// RetryAfterHeader is the header that says how long to wait.
	RetryAfterHeader string
	// ResetHeader is the header that carries a Unix time of the window reset.
	ResetHeader string
	// RefreshEndpoints are path fragments of requests that obtain a token.
	RefreshEndpoints []string
	// CodeFields and StatusFields name the fields of an error type that carry
	// the API code and the HTTP status.
	CodeFields   []string
	StatusFields []string
	// NewSessionEndpoints create a session, TerminateEndpoints end one.
	NewSessionEndpoints []Endpoint
	TerminateEndpoints  []Endpoint
	// IdempotencyKeyEndpoints place orders: a retry of one must send the
	// same IdempotencyKeyHeader on every attempt.
	IdempotencyKeyEndpoints []Endpoint
	IdempotencyKeyHeader    string

	byCode   map[string]int
	byStatus map[int]int
}

//go:embed default.yaml
var defaultData []byte

// defaultPolicy is parsed on first use: a go vet run starts the tool once
// per package, and most packages (the standard library's) need no policy.
var defaultPolicy = sync.OnceValue(func() *Policy {
	p, err := Parse("default.yaml", defaultData, nil)
	if err != nil {
		panic("retrylint: embedded default policy is invalid: " + err.Error())
	}
	return p
})

// Default returns the embedded default policy. Callers must not modify it.
func Default() *Policy { return defaultPolicy() }

func (p *Policy) index() {
	p.byCode = make(map[string]int, len(p.Codes))
	for i, c := range p.Codes {
		p.byCode[c.Name] = i
	}
	p.byStatus = make(map[int]int, len(p.Statuses))
	for i, s := range p.Statuses {
		p.byStatus[s.Status] = i
	}
}

// LookupCode returns the policy entry for an API code.
func (p *Policy) LookupCode(name string) (Code, bool) {
	i, ok := p.byCode[name]
	if !ok {
		return Code{}, false
	}
	return p.Codes[i], true
}

// LookupStatus returns the status-only entry for an HTTP status.
func (p *Policy) LookupStatus(status int) (Status, bool) {
	i, ok := p.byStatus[status]
	if !ok {
		return Status{}, false
	}
	return p.Statuses[i], true
}

// IsCodeField reports whether a struct field of that name carries the code.
func (p *Policy) IsCodeField(name string) bool { return containsFold(p.CodeFields, name) }

// IsStatusField reports whether a struct field of that name carries the status.
func (p *Policy) IsStatusField(name string) bool { return containsFold(p.StatusFields, name) }

// IsRefreshEndpoint reports whether a string names a token endpoint.
func (p *Policy) IsRefreshEndpoint(s string) bool {
	for _, e := range p.RefreshEndpoints {
		if e != "" && strings.Contains(s, e) {
			return true
		}
	}
	return false
}

// SortedStatuses returns every status the policy names, codes' statuses
// included, in ascending order.
func (p *Policy) SortedStatuses() []int {
	seen := map[int]bool{}
	var out []int
	add := func(s int) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range p.Statuses {
		add(s.Status)
	}
	for _, c := range p.Codes {
		add(c.Status)
	}
	sort.Ints(out)
	return out
}

func containsFold(list []string, name string) bool {
	for _, s := range list {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// Error is a problem found in a policy file.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}
