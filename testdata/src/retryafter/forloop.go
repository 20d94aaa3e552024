package retryafter

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"time"

	"sdk"
)

// createNoWait goes straight into the next attempt on a 429.
func (c *Client) createNoWait(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("create session: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("create session: rate limited")
}

// createRetryAfterSeconds is correct: it sleeps for the header's seconds.
func (c *Client) createRetryAfterSeconds(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				return fmt.Errorf("create session: bad Retry-After: %w", err)
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("create session: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("create session: rate limited")
}

// createFixedPause waits a fixed second on RATE_LIMIT_EXCEEDED.
func createFixedPause(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			time.Sleep(time.Second)
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createHonoursErrorField is correct: the SDK error carries the header's
// value and the loop sleeps for it.
func createHonoursErrorField(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createLogsRetryAfter reads the error's Retry-After only to log it, and
// waits a fixed half second instead.
func createLogsRetryAfter(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			log.Printf("rate limited, server asks to wait %s", apiErr.RetryAfter)
			time.Sleep(500 * time.Millisecond)
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createEverythingBackoff retries every failure but a low balance with an
// exponential delay, rate limits included: for {} with the delay doubling.
func createEverythingBackoff(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := 250 * time.Millisecond
	for {
		s, err := c.CreateSession(ctx, req) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeInsufficientBalance {
			return nil, err
		}
		if delay > time.Minute {
			return nil, err
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// balanceTimer waits on a timer of a fixed second: for range over an int.
// The 429 path falls off the body's end into the next attempt.
func (c *Client) balanceTimer(ctx context.Context) error {
	for range 4 {
		resp, err := c.http.Get(c.baseURL + "/v1/billing/balance") // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests {
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("balance: status %d", resp.StatusCode)
			}
			return nil
		}
		timer := time.NewTimer(time.Second)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
	return errors.New("balance: rate limited")
}

// balanceTimerRetryAfter is correct: the timer runs for the header's value.
func (c *Client) balanceTimerRetryAfter(ctx context.Context) error {
	timer := time.NewTimer(0)
	<-timer.C
	for range 4 {
		resp, err := c.http.Get(c.baseURL + "/v1/billing/balance")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests {
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("balance: status %d", resp.StatusCode)
			}
			return nil
		}
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		timer.Reset(time.Duration(secs) * time.Second)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
	return errors.New("balance: rate limited")
}

// waitUntilActive is correct: it is not a retry; it polls successful
// reads until the session is active and returns on any failure.
func waitUntilActive(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		time.Sleep(time.Second)
	}
}
