package policy

import (
	"fmt"
	"os"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Load reads a policy file (YAML or JSON) and merges it over the default
// policy, or replaces the default when the file says `replace: true`.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read policy file: %v", err)}
	}
	return Parse(path, data, Default())
}

// Parse parses policy text. Entries of the file replace entries of base with
// the same code or status and add the others; with `replace: true`, or with
// a nil base, the file stands alone. name is used in error messages.
func Parse(name string, data []byte, base *Policy) (*Policy, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("malformed policy: %v", err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &Error{File: name, Msg: "empty policy file"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: name, Line: root.Line, Msg: "a policy must be a mapping with keys such as codes and statuses"}
	}
	r := reader{file: name}
	var f file
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "replace":
			f.replace = r.boolean(val, "replace")
		case "codes":
			f.codes = r.codes(val)
			f.hasCodes = true
		case "statuses":
			f.statuses = r.statuses(val)
			f.hasStatuses = true
		case "exceptions":
			f.exceptions = r.exceptions(val)
		case "retry-after-header":
			f.retryAfter = r.str(val, key.Value)
		case "reset-header":
			f.reset = r.str(val, key.Value)
		case "refresh-endpoints":
			f.refresh = r.strs(val, key.Value)
		case "code-fields":
			f.codeFields = r.strs(val, key.Value)
		case "status-fields":
			f.statusFields = r.strs(val, key.Value)
		case "new-session-endpoints":
			f.newSession = r.endpoints(val, key.Value)
		case "terminate-endpoints":
			f.terminate = r.endpoints(val, key.Value)
		case "idempotency-key-endpoints":
			f.keyed = r.endpoints(val, key.Value)
		case "idempotency-key-header":
			f.keyHeader = r.str(val, key.Value)
		default:
			r.fail(key.Line, "unknown key %q (want replace, codes, statuses, exceptions, retry-after-header, reset-header, refresh-endpoints, code-fields, status-fields, new-session-endpoints, terminate-endpoints, idempotency-key-endpoints or idempotency-key-header)", key.Value)
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	if base == nil || f.replace {
		base = &Policy{}
	}
	p := merge(base, &f)
	if len(p.Codes) == 0 && len(p.Statuses) == 0 {
		return nil, &Error{File: name, Msg: "the policy names no codes and no statuses"}
	}
	return p, nil
}

// file is the decoded content of one policy file.
type file struct {
	replace                  bool
	codes                    []Code
	statuses                 []Status
	exceptions               []Code
	hasCodes, hasStatuses    bool
	retryAfter, reset        string
	refresh                  []string
	codeFields, statusFields []string
	newSession, terminate    []Endpoint
	keyed                    []Endpoint
	keyHeader                string
}

func merge(base *Policy, f *file) *Policy {
	p := &Policy{
		Codes:                   append([]Code(nil), base.Codes...),
		Statuses:                append([]Status(nil), base.Statuses...),
		RetryAfterHeader:        pick(f.retryAfter, base.RetryAfterHeader, "Retry-After"),
		ResetHeader:             pick(f.reset, base.ResetHeader, "X-RateLimit-Reset"),
		RefreshEndpoints:        pickList(f.refresh, base.RefreshEndpoints),
		CodeFields:              pickList(f.codeFields, base.CodeFields),
		StatusFields:            pickList(f.statusFields, base.StatusFields),
		NewSessionEndpoints:     pickEndpoints(f.newSession, base.NewSessionEndpoints),
		TerminateEndpoints:      pickEndpoints(f.terminate, base.TerminateEndpoints),
		IdempotencyKeyEndpoints: pickEndpoints(f.keyed, base.IdempotencyKeyEndpoints),
		IdempotencyKeyHeader:    pick(f.keyHeader, base.IdempotencyKeyHeader, "Idempotency-Key"),
	}
	p.index()
	for _, c := range append(f.codes, f.exceptions...) {
		if i, ok := p.byCode[c.Name]; ok {
			p.Codes[i] = c
		} else {
			p.byCode[c.Name] = len(p.Codes)
			p.Codes = append(p.Codes, c)
		}
	}
	for _, s := range f.statuses {
		if i, ok := p.byStatus[s.Status]; ok {
			p.Statuses[i] = s
		} else {
			p.byStatus[s.Status] = len(p.Statuses)
			p.Statuses = append(p.Statuses, s)
		}
	}
	return p
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func pickList(a, b []string) []string {
	if a != nil {
		return a
	}
	return b
}

func pickEndpoints(a, b []Endpoint) []Endpoint {
	if a != nil {
		return a
	}
	return b
}

// endpoints decodes a list of "METHOD /path" strings.
func (r *reader) endpoints(n *yaml.Node, key string) []Endpoint {
	list := r.strs(n, key)
	out := []Endpoint{}
	for i, s := range list {
		e, err := ParseEndpoint(s)
		if err != nil {
			line := n.Line
			if i < len(n.Content) {
				line = n.Content[i].Line
			}
			r.fail(line, "%s: %v", key, err)
			return nil
		}
		out = append(out, e)
	}
	return out
}

// reader decodes nodes and keeps the first error.
type reader struct {
	file string
	err  error
}

func (r *reader) fail(line int, format string, args ...any) {
	if r.err == nil {
		r.err = &Error{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
}

func (r *reader) boolean(n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode {
		r.fail(n.Line, "%s must be true or false", key)
		return false
	}
	b, err := strconv.ParseBool(n.Value)
	if err != nil {
		r.fail(n.Line, "%s must be true or false, not %q", key, n.Value)
	}
	return b
}

func (r *reader) str(n *yaml.Node, key string) string {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		r.fail(n.Line, "%s must be a non-empty string", key)
		return ""
	}
	return n.Value
}

func (r *reader) strs(n *yaml.Node, key string) []string {
	if n.Kind != yaml.SequenceNode {
		r.fail(n.Line, "%s must be a list of strings", key)
		return nil
	}
	out := []string{}
	for _, item := range n.Content {
		out = append(out, r.str(item, key+" item"))
	}
	return out
}

func (r *reader) status(n *yaml.Node) int {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.fail(n.Line, "status %q is not a number", n.Value)
		return 0
	}
	if v < 100 || v > 599 {
		r.fail(n.Line, "status %d is outside 100-599", v)
	}
	return v
}

func (r *reader) class(n *yaml.Node) Class {
	c := Class(n.Value)
	if n.Kind != yaml.ScalarNode || !validClass(c) {
		r.fail(n.Line, "unknown class %q (want one of %v)", n.Value, Classes)
	}
	return c
}

func (r *reader) entries(n *yaml.Node, what string, each func(item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		r.fail(n.Line, "%s must be a list", what)
		return
	}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			r.fail(item.Line, "each entry of %s must be a mapping", what)
			return
		}
		each(item)
	}
}

func (r *reader) codes(n *yaml.Node) []Code {
	var out []Code
	seen := map[string]int{}
	r.entries(n, "codes", func(item *yaml.Node) {
		var c Code
		for i := 0; i+1 < len(item.Content); i += 2 {
			key, val := item.Content[i], item.Content[i+1]
			switch key.Value {
			case "code":
				c.Name = r.str(val, "code")
			case "status":
				c.Status = r.status(val)
			case "class":
				c.Class = r.class(val)
			case "remedy":
				c.Remedy = r.str(val, "remedy")
			default:
				r.fail(key.Line, "unknown key %q in a code entry (want code, status, class or remedy)", key.Value)
			}
		}
		switch {
		case c.Name == "":
			r.fail(item.Line, "a code entry has no code")
		case c.Class == "":
			r.fail(item.Line, "code %s has no class", c.Name)
		case c.Status == 0:
			r.fail(item.Line, "code %s has no status", c.Name)
		}
		if first, dup := seen[c.Name]; dup && c.Name != "" {
			r.fail(item.Line, "code %s is listed twice (first on line %d)", c.Name, first)
		}
		seen[c.Name] = item.Line
		out = append(out, c)
	})
	return out
}

func (r *reader) statuses(n *yaml.Node) []Status {
	var out []Status
	seen := map[int]int{}
	r.entries(n, "statuses", func(item *yaml.Node) {
		var s Status
		for i := 0; i+1 < len(item.Content); i += 2 {
			key, val := item.Content[i], item.Content[i+1]
			switch key.Value {
			case "status":
				s.Status = r.status(val)
			case "class":
				s.Class = r.class(val)
			case "remedy":
				s.Remedy = r.str(val, "remedy")
			default:
				r.fail(key.Line, "unknown key %q in a status entry (want status, class or remedy)", key.Value)
			}
		}
		switch {
		case s.Status == 0:
			r.fail(item.Line, "a status entry has no status")
		case s.Class == "":
			r.fail(item.Line, "status %d has no class", s.Status)
		}
		if first, dup := seen[s.Status]; dup && s.Status != 0 {
			r.fail(item.Line, "status %d is listed twice (first on line %d)", s.Status, first)
		}
		seen[s.Status] = item.Line
		out = append(out, s)
	})
	return out
}

// exceptions reads the quirks of an API: a code that the API sends under a
// status whose class says otherwise (a 400 that is worth retrying when its
// code is LOCK_CONTENTION), with the class that code has and the reason.
// Each becomes a code of the policy, so code that reads that code is
// judged by its class while the status keeps its own.
func (r *reader) exceptions(n *yaml.Node) []Code {
	var out []Code
	r.entries(n, "exceptions", func(item *yaml.Node) {
		c := Code{Class: Retryable}
		reason := ""
		for i := 0; i+1 < len(item.Content); i += 2 {
			key, val := item.Content[i], item.Content[i+1]
			switch key.Value {
			case "code":
				c.Name = r.str(val, "code")
			case "status":
				c.Status = r.status(val)
			case "class":
				c.Class = r.class(val)
			case "reason":
				reason = r.str(val, "reason")
			default:
				r.fail(key.Line, "unknown key %q in an exception (want status, code, class or reason)", key.Value)
			}
		}
		switch {
		case c.Status == 0:
			r.fail(item.Line, "an exception has no status")
		case c.Name == "":
			r.fail(item.Line, "the exception for status %d has no code: an exception names the code under which the status is retried", c.Status)
		case reason == "":
			r.fail(item.Line, "the exception for %s has no reason: say why the API's quirk is accepted", c.Name)
		}
		out = append(out, c)
	})
	return out
}
