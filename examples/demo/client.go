// Package demo is a small client of the proxy-session API, shipped to show
// what retrylint finds. Some of its retry loops have the bugs that retrylint
// reports (each is marked BUG in its doc comment); the others follow the
// API's error contract and must stay silent.
//
// Run the linter on it from the repository root:
//
//	go run ./cmd/retrylint ./examples/demo
package demo

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Client calls the proxy-session API with a short-lived bearer token.
type Client struct {
	base   string
	http   *http.Client
	apiKey string
	secret string

	mu    sync.Mutex
	token string
}

// New returns a client of the API at base (for example
// "https://api.example.com") that authenticates with an API key and secret.
func New(base, apiKey, apiSecret string) *Client {
	return &Client{
		base:   strings.TrimSuffix(base, "/"),
		http:   &http.Client{Timeout: 30 * time.Second},
		apiKey: apiKey,
		secret: apiSecret,
	}
}

// envelope is the shape of every API response.
type envelope struct {
	Success bool            `json:"success"`
	Data    json.RawMessage `json:"data"`
	Error   *APIError       `json:"error"`
	Meta    struct {
		RequestID string `json:"request_id"`
	} `json:"meta"`
}

// APIError is the error object of a failed API response.
type APIError struct {
	// Status is the HTTP status of the response.
	Status int `json:"-"`
	// Code is the stable error code, such as RATE_LIMIT_EXCEEDED.
	Code string `json:"code"`
	// Message is for logs; programs branch on Code.
	Message string `json:"message"`
}

// Error implements error.
func (e *APIError) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// apiError returns the error of a failed response, whether or not its body
// carried an error object.
func apiError(status int, e *APIError) *APIError {
	if e == nil {
		return &APIError{Status: status, Code: "UNKNOWN", Message: http.StatusText(status)}
	}
	e.Status = status
	return e
}

// newRequest builds an authenticated JSON request. A nil body sends none.
func (c *Client) newRequest(ctx context.Context, method, path string, body any) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, r)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c.mu.Lock()
	token := c.token
	c.mu.Unlock()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	} else {
		req.Header.Set("X-API-Key", c.apiKey)
	}
	return req, nil
}

// decode reads and closes the body of resp. It stores the envelope's data in
// out on success and returns an *APIError on failure.
func decode(resp *http.Response, out any) error {
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("decode %s response: %w", resp.Request.URL.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 || !env.Success {
		return apiError(resp.StatusCode, env.Error)
	}
	if out == nil || len(env.Data) == 0 {
		return nil
	}
	return json.Unmarshal(env.Data, out)
}

// newIdempotencyKey returns a random key for one create or renew operation.
func newIdempotencyKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// refresh exchanges the current token for a fresh one
// (POST /v1/auth/refresh).
func (c *Client) refresh(ctx context.Context) error {
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/auth/refresh", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := decode(resp, &out); err != nil {
		return fmt.Errorf("refresh token: %w", err)
	}
	c.mu.Lock()
	c.token = out.Token
	c.mu.Unlock()
	return nil
}
