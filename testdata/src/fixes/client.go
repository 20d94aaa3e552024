// Package fixes holds Retry-After unit mistakes and 2^n delays, each with
// a suggested fix and a golden file of the fixed source.
package fixes

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// Client is a hand-written client of the API.
type Client struct {
	http    *http.Client
	baseURL string
	apiKey  string
}

func (c *Client) newRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	return req, nil
}
