package demo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Usage is the traffic a session has used.
type Usage struct {
	SessionID string  `json:"session_id"`
	BytesIn   int64   `json:"bytes_in"`
	BytesOut  int64   `json:"bytes_out"`
	Cost      float64 `json:"cost"`
}

// Balance is the account balance.
type Balance struct {
	Amount   float64 `json:"balance"`
	Currency string  `json:"currency"`
}

// usageRetryDelay is the pause between attempts of SessionUsage.
const usageRetryDelay = 500 * time.Millisecond

// SessionUsage returns a session's usage (GET /v1/sessions/{id}/usage).
//
// BUG: every 5xx is retried after the same half second. BACKEND_ERROR and
// BACKEND_TIMEOUT ask for a delay that grows exponentially per attempt, so
// that a struggling backend is not hit at a steady rate.
func (c *Client) SessionUsage(ctx context.Context, id string) (*Usage, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(usageRetryDelay)
			continue
		}
		var u Usage
		if err := decode(resp, &u); err != nil {
			return nil, fmt.Errorf("session usage %s: %w", id, err)
		}
		return &u, nil
	}
	return nil, fmt.Errorf("session usage %s: server kept failing", id)
}

// AccountBalance returns the balance (GET /v1/billing/balance). It waits
// for Retry-After on a 429, backs off exponentially on 502 and 504, and
// returns every other failure: the documented retry contract.
func (c *Client) AccountBalance(ctx context.Context) (*Balance, error) {
	delay := 200 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			if err != nil || secs < 1 {
				secs = 1
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			resp.Body.Close()
			time.Sleep(delay)
			delay *= 2
			continue
		}
		var b Balance
		if err := decode(resp, &b); err != nil {
			return nil, fmt.Errorf("balance: %w", err)
		}
		return &b, nil
	}
	return nil, errors.New("balance: too many attempts")
}

// Event is a telemetry event about a session's traffic.
type Event struct {
	Type    string `json:"event_type"`
	Target  string `json:"target,omitempty"`
	Details string `json:"details,omitempty"`
}

// ReportEvent sends telemetry (POST /v1/sessions/{id}/report-event) and
// returns the API's recommendation: ok, consider_rotate, rotate_now or
// pause. On AUTH_EXPIRED_TOKEN it refreshes the token once and tries again;
// every other failure is returned.
func (c *Client) ReportEvent(ctx context.Context, id string, ev Event) (string, error) {
	refreshed := false
	for {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", ev)
		if err != nil {
			return "", err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return "", err
		}
		var out struct {
			Recommendation string `json:"recommendation"`
		}
		err = decode(resp, &out)
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.Code == "AUTH_EXPIRED_TOKEN" && !refreshed {
			if err := c.refresh(ctx); err != nil {
				return "", err
			}
			refreshed = true
			continue
		}
		if err != nil {
			return "", fmt.Errorf("report event: %w", err)
		}
		return out.Recommendation, nil
	}
}
