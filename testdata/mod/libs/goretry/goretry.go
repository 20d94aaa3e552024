// Package goretry holds retry sites that hand a function to
// github.com/sethvargo/go-retry. Its marking is the inverse of the other
// libraries: Do calls the function again only when the error it returns
// wraps a retry.RetryableError; any other error ends Do at once. The
// Backoff gives the waits: NewConstant a constant one, NewExponential
// base doubled per attempt, NewFibonacci the Fibonacci sequence of base,
// which also grows exponentially.
package goretry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sethvargo/go-retry"

	"libs/apiclient"
)

// waitActive polls a new session and marks SESSION_NOT_FOUND retryable,
// in case the session has not propagated yet.
func waitActive(ctx context.Context, c *apiclient.Client, id string) error {
	b := retry.WithMaxRetries(10, retry.NewExponential(500*time.Millisecond))
	return retry.Do(ctx, b, func(ctx context.Context) error {
		s, err := c.GetSession(ctx, id)
		if err == nil {
			if s.Status != "active" {
				return retry.RetryableError(errors.New("session not active yet"))
			}
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeSessionNotFound, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return retry.RetryableError(err) // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
			}
		}
		return err
	})
}

// recharge returns INSUFFICIENT_BALANCE and every other code as a plain
// error, which ends Do, and marks only BACKEND_ERROR retryable, with an
// exponential backoff. It is correct.
func recharge(ctx context.Context, c *apiclient.Client, amount float64) (*apiclient.Balance, error) {
	return retry.DoValue(ctx, retry.NewExponential(time.Second), func(ctx context.Context) (*apiclient.Balance, error) {
		b, err := c.Recharge(ctx, amount)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendError {
			return nil, retry.RetryableError(err)
		}
		return b, err
	})
}

// rotate marks every failure retryable.
func rotate(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	b := retry.WithMaxRetries(3, retry.NewExponential(time.Second))
	return retry.DoValue(ctx, b, func(ctx context.Context) (*apiclient.Session, error) {
		s, err := c.RotateSession(ctx, id)
		if err != nil {
			return nil, retry.RetryableError(err) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return s, nil
	})
}

// rotatePlain is correct: it returns every error plainly, and go-retry
// retries only errors marked with RetryableError, so Do makes one attempt.
func rotatePlain(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	b := retry.WithMaxRetries(3, retry.NewExponential(time.Second))
	return retry.DoValue(ctx, b, func(ctx context.Context) (*apiclient.Session, error) {
		s, err := c.RotateSession(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("rotate %s: %w", id, err)
		}
		return s, nil
	})
}

// listProducts marks the upstream codes retryable with a constant
// backoff.
func listProducts(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	b := retry.WithMaxDuration(time.Minute, retry.NewConstant(2*time.Second))
	return retry.DoValue(ctx, b, func(ctx context.Context) ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout) {
			return nil, retry.RetryableError(err) // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return ps, err
	})
}

// listProductsFibonacci is correct: a Fibonacci backoff grows by the
// golden ratio per attempt, exponentially.
func listProductsFibonacci(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	b := retry.WithMaxDuration(time.Minute, retry.NewFibonacci(500*time.Millisecond))
	return retry.DoValue(ctx, b, func(ctx context.Context) ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout) {
			return nil, retry.RetryableError(err)
		}
		return ps, err
	})
}

// usage reads only the status and marks 429 and 5xx retryable with a
// jittered exponential backoff, never looking at Retry-After.
func usage(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	b := retry.WithJitterPercent(10, retry.WithMaxRetries(5, retry.NewExponential(time.Second)))
	return retry.DoValue(ctx, b, func(ctx context.Context) (*apiclient.Usage, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, retry.RetryableError(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			return nil, retry.RetryableError(fmt.Errorf("usage: status %d", resp.StatusCode)) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		var u apiclient.Usage
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return nil, err
		}
		return &u, nil
	})
}

// usageRetryAfter is correct: a 429 sleeps for its Retry-After header
// before it is marked retryable; 5xx back off exponentially.
func usageRetryAfter(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	b := retry.WithJitterPercent(10, retry.WithMaxRetries(5, retry.NewExponential(time.Second)))
	return retry.DoValue(ctx, b, func(ctx context.Context) (*apiclient.Usage, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, retry.RetryableError(err)
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			return nil, retry.RetryableError(errors.New("usage: rate limited"))
		case resp.StatusCode >= 500:
			return nil, retry.RetryableError(fmt.Errorf("usage: status %d", resp.StatusCode))
		case resp.StatusCode != http.StatusOK:
			return nil, fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		var u apiclient.Usage
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return nil, err
		}
		return &u, nil
	})
}

// renewSession marks the expired token retryable without refreshing it.
func renewSession(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Exponential(ctx, 500*time.Millisecond, func(ctx context.Context) error {
		_, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeAuthExpiredToken {
			return retry.RetryableError(err) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return err
	})
}

// renewSessionRefresh is correct: the token is refreshed before the
// expired-token failure is marked retryable.
func renewSessionRefresh(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Exponential(ctx, 500*time.Millisecond, func(ctx context.Context) error {
		_, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeAuthExpiredToken {
			if rerr := c.RefreshToken(ctx); rerr != nil {
				return rerr
			}
			return retry.RetryableError(err)
		}
		return err
	})
}

// reportEvent reads the envelope's code and marks the upstream codes
// retryable through the Constant helper.
func reportEvent(ctx context.Context, c *apiclient.Client, id, kind string) error {
	return retry.Constant(ctx, time.Second, func(ctx context.Context) error {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", map[string]string{"kind": kind})
		if err != nil {
			return err
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return retry.RetryableError(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return err
		}
		err = fmt.Errorf("report event: %s", env.Error.Code)
		if env.Error.Code == "BACKEND_ERROR" || env.Error.Code == "BACKEND_TIMEOUT" {
			return retry.RetryableError(err) // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return err
	})
}

// reportEventExponential is correct: the same site through the
// Exponential helper.
func reportEventExponential(ctx context.Context, c *apiclient.Client, id, kind string) error {
	return retry.Exponential(ctx, time.Second, func(ctx context.Context) error {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", map[string]string{"kind": kind})
		if err != nil {
			return err
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return retry.RetryableError(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return err
		}
		err = fmt.Errorf("report event: %s", env.Error.Code)
		if env.Error.Code == "BACKEND_ERROR" || env.Error.Code == "BACKEND_TIMEOUT" {
			return retry.RetryableError(err)
		}
		return err
	})
}
