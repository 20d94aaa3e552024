// Package apiclient is an SDK of the proxy-session API: methods that each
// send one net/http request and decode the JSON envelope into the data or
// an *apierr.APIError. It retries nothing; its callers do. The want
// comments are the facts the analyzer exports for its exported methods.
package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"helpers/apierr"
)

// Client calls the API with a bearer token.
type Client struct { // want Client:`^CreateSession: attempt\(api errors\) new session order\(POST /v1/sessions, no key\); Do: attempt\(response\); GetBalance: attempt\(api errors\); GetSession: attempt\(api errors\); ListProducts: attempt\(api errors\); RenewSession: attempt\(api errors\) order\(POST /v1/sessions/\{id\}/renew, no key\); Report: attempt\(status result 0\); RotateSession: attempt\(api errors\); Terminate: attempt\(api errors\) terminates session$`
	HTTP    *http.Client
	BaseURL string
	Token   string
}

// New returns a client with a timeout.
func New(baseURL, token string) *Client {
	return &Client{HTTP: &http.Client{Timeout: 30 * time.Second}, BaseURL: baseURL, Token: token}
}

// Session is a proxy session.
type Session struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// Product is an entry of the catalogue.
type Product struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Balance is the account balance.
type Balance struct {
	AmountUSD float64 `json:"amount_usd"`
}

// CreateSessionRequest is the body of POST /v1/sessions.
type CreateSessionRequest struct {
	ProductID      string `json:"product_id"`
	IdempotencyKey string `json:"-"`
}

type envelope struct {
	Success bool            `json:"success"`
	Data    json.RawMessage `json:"data"`
	Error   *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Meta struct {
		RequestID string `json:"request_id"`
	} `json:"meta"`
}

// CreateSession places an order for a new session.
func (c *Client) CreateSession(ctx context.Context, req *CreateSessionRequest) (*Session, error) {
	var s Session
	if err := c.call(ctx, http.MethodPost, "/v1/sessions", req, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// GetSession reads a session.
func (c *Client) GetSession(ctx context.Context, id string) (*Session, error) {
	var s Session
	if err := c.call(ctx, http.MethodGet, "/v1/sessions/"+id, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// RenewSession extends a session.
func (c *Client) RenewSession(ctx context.Context, id string, minutes int) (*Session, error) {
	var s Session
	if err := c.call(ctx, http.MethodPost, "/v1/sessions/"+id+"/renew", map[string]int{"duration_minutes": minutes}, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// RotateSession gives a session a new exit IP.
func (c *Client) RotateSession(ctx context.Context, id string) (*Session, error) {
	var s Session
	if err := c.call(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// ListProducts lists the catalogue.
func (c *Client) ListProducts(ctx context.Context) ([]Product, error) {
	var ps []Product
	if err := c.call(ctx, http.MethodGet, "/v1/products", nil, &ps); err != nil {
		return nil, err
	}
	return ps, nil
}

// GetBalance reads the account balance.
func (c *Client) GetBalance(ctx context.Context) (*Balance, error) {
	var b Balance
	if err := c.call(ctx, http.MethodGet, "/v1/billing/balance", nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// Terminate ends a session.
func (c *Client) Terminate(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil, nil)
}

// Do sends a prepared request with the client's token and hands back the
// raw response, whatever its status.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return c.HTTP.Do(req)
}

// Report sends a telemetry event and returns the HTTP status; a failure
// status is not an error.
func (c *Client) Report(ctx context.Context, id string, event []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/v1/sessions/"+id+"/report-event", bytes.NewReader(event))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// Fetch gets a path of the API with the default client.
func Fetch(ctx context.Context, url string) (*http.Response, error) { // want Fetch:`^attempt\(response\)$`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// call sends one request and decodes the envelope into out or an
// *apierr.APIError. Unexported: it gets no fact.
func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("api: status %d: %w", resp.StatusCode, err)
	}
	if !env.Success || env.Error != nil {
		e := &apierr.APIError{Status: resp.StatusCode, RequestID: env.Meta.RequestID}
		if env.Error != nil {
			e.Code, e.Message = env.Error.Code, env.Error.Message
		}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			e.RetryAfter = time.Duration(secs) * time.Second
		}
		return e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Data, out)
}
