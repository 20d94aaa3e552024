// Package backoff holds retry sites that retry upstream failures (502,
// 504, BACKEND_ERROR, BACKEND_TIMEOUT) with or without an exponential
// delay.
package backoff

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
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
