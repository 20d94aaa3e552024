package policy

import (
	"fmt"
	"strings"
)

// Endpoint is a request of the API: a method and a path whose segments in
// braces ({id}) stand for any value.
type Endpoint struct {
	Method string
	Path   string
}

func (e Endpoint) String() string { return e.Method + " " + e.Path }

// ParseEndpoint parses "METHOD /path/{param}/more".
func ParseEndpoint(s string) (Endpoint, error) {
	method, path, ok := strings.Cut(strings.TrimSpace(s), " ")
	path = strings.TrimSpace(path)
	if !ok || method == "" || strings.ToUpper(method) != method || !strings.HasPrefix(path, "/") {
		return Endpoint{}, fmt.Errorf("endpoint %q must read like \"POST /v1/sessions/{id}/renew\"", s)
	}
	return Endpoint{Method: method, Path: strings.TrimRight(path, "/")}, nil
}

// Unknown is the segment text a URL shape uses for a part of the URL whose
// value is not known (a variable, a %s verb).
const Unknown = "{}"

// Matches reports whether a request of the method to a URL of the shape
// is this endpoint. The shape is the URL as code builds it, with Unknown
// for parts computed at run time; anything before the endpoint's path
// (scheme, host, base URL) and after it (a query) is ignored. A shape
// whose path part is unknown does not match.
func (e Endpoint) Matches(method, shape string) bool {
	if method != e.Method {
		return false
	}
	shape, _, _ = strings.Cut(shape, "?")
	shape = strings.TrimRight(shape, "/")
	want := strings.Split(strings.TrimPrefix(e.Path, "/"), "/")
	got := strings.Split(shape, "/")
	if len(got) < len(want) {
		return false
	}
	// the endpoint's path is the shape's last segments
	tail := got[len(got)-len(want):]
	for i, w := range want {
		g := tail[i]
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			if g == "" {
				return false
			}
			continue
		}
		if g != w {
			return false
		}
	}
	return true
}

// MatchAny reports whether a request matches one of the endpoints.
func MatchAny(list []Endpoint, method, shape string) bool {
	for _, e := range list {
		if e.Matches(method, shape) {
			return true
		}
	}
	return false
}
