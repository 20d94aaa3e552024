// Package testfuncs is a client whose test file calls it. A Test,
// Benchmark, Fuzz or Example function is run by the go tool and called by
// no package, so it gets no summary; an exported helper of the test file
// may be called by the external test package, so it gets one.
package testfuncs

import (
	"context"
	"net/http"
)

// Client sends requests.
type Client struct{ HTTP *http.Client } // want Client:`^Get: attempt\(response\)$`

// Get sends one request.
func (c *Client) Get(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.HTTP.Do(req)
}
