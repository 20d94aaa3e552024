// Package nonretryable holds retry sites that retry, or do not retry, codes
// and statuses the API documents as never retryable.
package nonretryable

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"sdk"
)

// Client is a hand-written client of the API.
type Client struct {
	http    *http.Client
	baseURL string
	apiKey  string
	regions []string
}

// keyTransport adds the API key to every request.
type keyTransport struct {
	key  string
	base http.RoundTripper
}

func (t keyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("X-API-Key", t.key)
	return t.base.RoundTrip(r)
}

func newClient(baseURL, key string) *Client {
	return &Client{
		http:    &http.Client{Transport: keyTransport{key: key, base: http.DefaultTransport}},
		baseURL: baseURL,
		apiKey:  key,
	}
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

func decodeSession(resp *http.Response) (*sdk.Session, error) {
	defer resp.Body.Close()
	var env struct {
		Data sdk.Session `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, fmt.Errorf("decode session: %w", err)
	}
	return &env.Data, nil
}
