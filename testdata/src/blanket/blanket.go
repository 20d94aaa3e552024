// Package blanket holds retry sites that retry every failure: each breaks
// several rules at once, and each rule is reported once, on one line.
package blanket

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"sdk"
)

// Client is a hand-written client of the API.
type Client struct {
	http    *http.Client
	baseURL string
	apiKey  string
}

// get repeats the request until it gets a 200, whatever the status, at a
// fixed pace; the body falls off its end into the next attempt.
func (c *Client) get(ctx context.Context, path string) ([]byte, error) {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-API-Key", c.apiKey)
		resp, err := c.http.Do(req) // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode == http.StatusOK {
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			return body, err
		}
		resp.Body.Close()
		time.Sleep(time.Second)
	}
	return nil, errors.New("get: out of attempts")
}

// createSession gives up only on an idempotency conflict and retries every
// other failure after a fixed pause.
func createSession(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeIdempotencyConflict {
			return nil, err
		}
		time.Sleep(2 * time.Second)
		continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt` `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
	}
	return nil, err
}

// createSessionBackoff backs off exponentially on every failure but an
// idempotency conflict: the backoff rule is satisfied, the other three
// are not.
func createSessionBackoff(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	var err error
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeIdempotencyConflict {
			return nil, err
		}
		time.Sleep(delay)
		delay *= 2
		continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return nil, err
}
