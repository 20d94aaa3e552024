package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Session is a proxy session.
type Session struct {
	ID        string    `json:"session_id"`
	Status    string    `json:"status"`
	ProductID string    `json:"product_id"`
	Endpoint  string    `json:"endpoint"`
	ExpiresAt time.Time `json:"expires_at"`
}

// CreateSessionRequest is the body of POST /v1/sessions.
type CreateSessionRequest struct {
	ProductID string `json:"product_id"`
	Country   string `json:"country,omitempty"`
	Minutes   int    `json:"duration_minutes"`
}

// CreateSession orders a new proxy session (POST /v1/sessions).
//
// BUG: every failed response is retried after one second. That retries
// INSUFFICIENT_BALANCE and INVALID_REQUEST, which never succeed on retry,
// ignores Retry-After on RATE_LIMIT_EXCEEDED, sends the same expired token
// again on AUTH_EXPIRED_TOKEN, and does not back off on BACKEND_ERROR.
func (c *Client) CreateSession(ctx context.Context, in CreateSessionRequest) (*Session, error) {
	key := newIdempotencyKey()
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", in)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := c.http.Do(req)
		if err != nil {
			lastErr = err
			time.Sleep(time.Second)
			continue
		}
		var env envelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("create session: %w", err)
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			lastErr = apiError(resp.StatusCode, env.Error)
			time.Sleep(time.Second)
			continue
		}
		var s Session
		if err := json.Unmarshal(env.Data, &s); err != nil {
			return nil, fmt.Errorf("create session: %w", err)
		}
		return &s, nil
	}
	return nil, fmt.Errorf("create session: %w", lastErr)
}

// GetSession returns a session (GET /v1/sessions/{id}).
//
// BUG: a 401 is retried with the same token. An expired token must be
// refreshed first (POST /v1/auth/refresh); an invalid API key never works.
func (c *Client) GetSession(ctx context.Context, id string) (*Session, error) {
	for attempt := 0; ; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt < 3 {
			resp.Body.Close()
			continue
		}
		var s Session
		if err := decode(resp, &s); err != nil {
			return nil, fmt.Errorf("get session %s: %w", id, err)
		}
		return &s, nil
	}
}

// TerminateSession ends a session (POST /v1/sessions/{id}/terminate).
// It retries only BACKEND_ERROR and BACKEND_TIMEOUT, with a delay that
// doubles per attempt, and returns every other failure.
func (c *Client) TerminateSession(ctx context.Context, id string) error {
	const base = 250 * time.Millisecond
	for attempt := 0; ; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		if (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) && attempt < 4 {
			resp.Body.Close()
			time.Sleep(base << attempt)
			continue
		}
		if err := decode(resp, nil); err != nil {
			return fmt.Errorf("terminate session %s: %w", id, err)
		}
		return nil
	}
}
