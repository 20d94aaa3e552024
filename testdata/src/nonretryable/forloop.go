package nonretryable

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"sdk"
)

// createSessionRetryAllButRateLimit waits out rate limits correctly but
// retries every other failure as well, including the ones a retry cannot
// fix. The loop body falls off its end into the next attempt.
func createSessionRetryAllButRateLimit(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		if err == nil {
			return s, nil
		}
		lastErr = err
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, lastErr
}

// createSessionWaitForTopUp hopes the balance is recharged meanwhile.
func createSessionWaitForTopUp(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 10; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeInsufficientBalance {
			log.Printf("balance too low, waiting for a top-up (attempt %d)", attempt+1)
			time.Sleep(time.Minute)
			continue // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
		}
		return nil, err
	}
	return nil, errors.New("balance was not topped up in time")
}

// createSessionStopsOnPermanent is correct: only upstream failures and rate
// limits are retried; every other code returns at once.
func createSessionStopsOnPermanent(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			return nil, err
		}
		switch apiErr.Code {
		case sdk.CodeBackendError, sdk.CodeBackendTimeout:
			time.Sleep(time.Duration(1<<attempt) * 200 * time.Millisecond)
			continue
		case sdk.CodeRateLimitExceeded:
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// fetchBalance repeats the request until it gets a 200, whatever the
// status. for {} with break.
func (c *Client) fetchBalance(ctx context.Context) (float64, error) {
	var resp *http.Response
	for {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return 0, err
		}
		resp, err = c.http.Do(req) // want `retry of 400, which is never retryable: fix the request and return the error`
		if err != nil {
			return 0, err
		}
		if resp.StatusCode == http.StatusOK {
			break
		}
		resp.Body.Close()
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		time.Sleep(3 * time.Second)
	}
	defer resp.Body.Close()
	var env struct {
		Data sdk.Balance `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return 0, err
	}
	return env.Data.AmountUSD, nil
}

// waitUntilActive is correct: it is not a retry. A failed read returns;
// the loop repeats only successful reads until the session is active.
func waitUntilActive(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// rotateAll is correct: the continue on SESSION_NOT_FOUND moves on to the
// next session; the failed call is never made again.
func rotateAll(ctx context.Context, c *sdk.Client, ids []string) error {
	for _, id := range ids {
		_, err := c.RotateSession(ctx, id)
		if err != nil {
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionNotFound {
				log.Printf("session %s is gone, skipping", id)
				continue
			}
			return err
		}
	}
	return nil
}

// reportEvent retries every status of 300 and above, 4xx included.
// for range over an int; the body falls off its end.
func (c *Client) reportEvent(ctx context.Context, sessionID string, ev sdk.Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var lastStatus int
	for attempt := range 3 {
		resp, err := c.http.Post(c.baseURL+"/v1/sessions/"+sessionID+"/report-event", "application/json", bytes.NewReader(payload)) // want `retry of 400, which is never retryable: fix the request and return the error`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode < 300 {
			return nil
		}
		lastStatus = resp.StatusCode
		if resp.StatusCode >= 400 {
			time.Sleep(time.Duration(attempt+1) * time.Second)
		}
	}
	return fmt.Errorf("report-event: status %d", lastStatus)
}

// reportEventTransportOnly is correct: only transport errors are retried;
// any answer from the server, 4xx included, ends the loop.
func (c *Client) reportEventTransportOnly(ctx context.Context, sessionID string, payload []byte) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+sessionID+"/report-event", payload)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			return fmt.Errorf("report-event: status %d", resp.StatusCode)
		}
		return nil
	}
	return lastErr
}
