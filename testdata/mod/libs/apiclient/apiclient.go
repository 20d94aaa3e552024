// Package apiclient is a small client of the proxy-session API that the
// retry-library cases share: a typed error that carries the API's code,
// its HTTP status and the Retry-After of a 429, and methods that each send
// one net/http request and decode the JSON envelope. It retries nothing;
// the callers retry through a library. It gets no diagnostic; the want
// comments are the facts the analyzer exports for its methods, which is
// how the callers' sites know them as attempts and the token refresh.
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
)

// ErrorCode is a stable error code of the API.
type ErrorCode string

// The API's error codes.
const (
	CodeAuthInvalidKey             ErrorCode = "AUTH_INVALID_KEY"
	CodeAuthExpiredToken           ErrorCode = "AUTH_EXPIRED_TOKEN"
	CodeAuthInsufficientPermission ErrorCode = "AUTH_INSUFFICIENT_PERMISSION"
	CodeRateLimitExceeded          ErrorCode = "RATE_LIMIT_EXCEEDED"
	CodeAccountDisabled            ErrorCode = "ACCOUNT_DISABLED"
	CodeInsufficientBalance        ErrorCode = "INSUFFICIENT_BALANCE"
	CodeSessionNotFound            ErrorCode = "SESSION_NOT_FOUND"
	CodeSessionExpired             ErrorCode = "SESSION_EXPIRED"
	CodeSessionLimitReached        ErrorCode = "SESSION_LIMIT_REACHED"
	CodeProductNotFound            ErrorCode = "PRODUCT_NOT_FOUND"
	CodeProductOutOfStock          ErrorCode = "PRODUCT_OUT_OF_STOCK"
	CodeInvalidRequest             ErrorCode = "INVALID_REQUEST"
	CodeIdempotencyConflict        ErrorCode = "IDEMPOTENCY_CONFLICT"
	CodeBackendError               ErrorCode = "BACKEND_ERROR"
	CodeBackendTimeout             ErrorCode = "BACKEND_TIMEOUT"
	CodeInternalError              ErrorCode = "INTERNAL_ERROR"
)

// APIError is the error a Client method returns when the API answers
// with a failure envelope.
type APIError struct {
	Code       ErrorCode
	Status     int
	Message    string
	RequestID  string
	RetryAfter time.Duration // the Retry-After header of a 429
}

// Error implements error.
func (e *APIError) Error() string {
	return fmt.Sprintf("api: %s (%d): %s [%s]", e.Code, e.Status, e.Message, e.RequestID)
}

// Envelope is the JSON shape of every response.
type Envelope struct {
	Success bool            `json:"success"`
	Data    json.RawMessage `json:"data"`
	Error   *ErrorBody      `json:"error"`
	Meta    struct {
		RequestID string `json:"request_id"`
	} `json:"meta"`
}

// ErrorBody is the error part of a failure envelope.
type ErrorBody struct {
	Code    ErrorCode      `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details"`
}

// Client calls the API with a JWT bearer token.
type Client struct { // want Client:`^CreateSession: [^;]*attempt\(api errors\)[^;]*; GetBalance: [^;]*attempt\(api errors\)[^;]*; GetSession: [^;]*attempt\(api errors\)[^;]*; ListProducts: [^;]*attempt\(api errors\)[^;]*; Recharge: [^;]*attempt\(api errors\)[^;]*; RefreshToken: [^;]*refresh[^;]*; RenewSession: [^;]*attempt\(api errors\)[^;]*; RotateSession: [^;]*attempt\(api errors\)[^;]*; TerminateSession: [^;]*attempt\(api errors\)[^;]*$`
	HTTP    *http.Client
	BaseURL string
	Token   string
}

// New returns a client that sends token as its bearer token.
func New(baseURL, token string) *Client {
	return &Client{HTTP: &http.Client{Timeout: 30 * time.Second}, BaseURL: baseURL, Token: token}
}

// Session is a proxy session.
type Session struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	ProxyURL  string    `json:"proxy_url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Product is an entry of the catalogue.
type Product struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	PriceUSD float64 `json:"price_usd"`
	InStock  bool    `json:"in_stock"`
}

// Balance is the account balance.
type Balance struct {
	AmountUSD float64 `json:"amount_usd"`
}

// Usage is the traffic a session has used.
type Usage struct {
	BytesIn  int64 `json:"bytes_in"`
	BytesOut int64 `json:"bytes_out"`
}

// CreateSession places an order for a new session. A non-empty
// idempotencyKey makes a repeated create return the first order.
func (c *Client) CreateSession(ctx context.Context, productID, idempotencyKey string) (*Session, error) {
	var s Session
	hdr := http.Header{}
	if idempotencyKey != "" {
		hdr.Set("Idempotency-Key", idempotencyKey)
	}
	body := map[string]any{"product_id": productID, "duration_minutes": 60}
	if err := c.do(ctx, http.MethodPost, "/v1/sessions", hdr, body, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// GetSession reads a session.
func (c *Client) GetSession(ctx context.Context, id string) (*Session, error) {
	var s Session
	if err := c.do(ctx, http.MethodGet, "/v1/sessions/"+id, nil, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// RenewSession extends a session by minutes.
func (c *Client) RenewSession(ctx context.Context, id string, minutes int) (*Session, error) {
	var s Session
	body := map[string]int{"duration_minutes": minutes}
	if err := c.do(ctx, http.MethodPost, "/v1/sessions/"+id+"/renew", nil, body, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// RotateSession gives a session a new exit IP.
func (c *Client) RotateSession(ctx context.Context, id string) (*Session, error) {
	var s Session
	if err := c.do(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// TerminateSession ends a session.
func (c *Client) TerminateSession(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil, nil, nil)
}

// ListProducts lists the catalogue.
func (c *Client) ListProducts(ctx context.Context) ([]Product, error) {
	var ps []Product
	if err := c.do(ctx, http.MethodGet, "/v1/products", nil, nil, &ps); err != nil {
		return nil, err
	}
	return ps, nil
}

// GetBalance reads the account balance.
func (c *Client) GetBalance(ctx context.Context) (*Balance, error) {
	var b Balance
	if err := c.do(ctx, http.MethodGet, "/v1/billing/balance", nil, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// Recharge adds amountUSD to the balance.
func (c *Client) Recharge(ctx context.Context, amountUSD float64) (*Balance, error) {
	var b Balance
	body := map[string]float64{"amount_usd": amountUSD}
	if err := c.do(ctx, http.MethodPost, "/v1/billing/recharge", nil, body, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// RefreshToken exchanges the current token for a fresh one and keeps it
// for the following requests.
func (c *Client) RefreshToken(ctx context.Context) error {
	var out struct {
		Token string `json:"token"`
	}
	if err := c.do(ctx, http.MethodPost, "/v1/auth/refresh", nil, nil, &out); err != nil {
		return err
	}
	c.Token = out.Token
	return nil
}

// NewRequest builds an authenticated JSON request for callers that send
// it themselves.
func (c *Client) NewRequest(ctx context.Context, method, path string, in any) (*http.Request, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return req, nil
}

// do sends one request and decodes the envelope into out or an *APIError.
func (c *Client) do(ctx context.Context, method, path string, hdr http.Header, in, out any) error {
	req, err := c.NewRequest(ctx, method, path, in)
	if err != nil {
		return err
	}
	for k, vs := range hdr {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env Envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("api: status %d: %w", resp.StatusCode, err)
	}
	if !env.Success || env.Error != nil {
		apiErr := &APIError{Status: resp.StatusCode, RequestID: env.Meta.RequestID}
		if env.Error != nil {
			apiErr.Code = env.Error.Code
			apiErr.Message = env.Error.Message
		}
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, err := strconv.Atoi(s); err == nil {
				apiErr.RetryAfter = time.Duration(secs) * time.Second
			}
		}
		return apiErr
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Data, out)
}
