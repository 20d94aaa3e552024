// Package retryafter holds retry sites that retry a rate-limited request
// with or without waiting for the Retry-After header.
package retryafter

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"time"
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

// retryAfter returns how long a 429 asks to wait, or a second when the
// header is missing.
func retryAfter(resp *http.Response) time.Duration {
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	return time.Second
}
