// Package backoffv5 holds retry sites that hand an operation to
// github.com/cenkalti/backoff/v5. Retry calls the operation again after
// every error except a *backoff.PermanentError, waiting what its BackOff
// says (an ExponentialBackOff unless WithBackOff sets another), or the
// Duration of a *backoff.RetryAfterError (backoff.RetryAfter) when the
// operation returns one.
package backoffv5

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cenkalti/backoff/v5"

	"libs/apiclient"
)

// recharge stops on the auth codes, refreshes an expired token and honours
// Retry-After, but hands INSUFFICIENT_BALANCE back for another attempt.
func recharge(ctx context.Context, c *apiclient.Client, amount float64) (*apiclient.Balance, error) {
	return backoff.Retry(ctx, func() (*apiclient.Balance, error) {
		b, err := c.Recharge(ctx, amount)
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return b, err
		}
		switch apiErr.Code {
		case apiclient.CodeAuthInvalidKey, apiclient.CodeAuthInsufficientPermission, apiclient.CodeAccountDisabled:
			return nil, backoff.Permanent(err)
		case apiclient.CodeAuthExpiredToken:
			if rerr := c.RefreshToken(ctx); rerr != nil {
				return nil, backoff.Permanent(rerr)
			}
			return nil, err
		case apiclient.CodeRateLimitExceeded:
			return nil, backoff.RetryAfter(int(apiErr.RetryAfter / time.Second))
		}
		return nil, err // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
	}, backoff.WithMaxTries(5))
}

// rechargePermanent is correct: only the expired token (after a refresh),
// the rate limit (after Retry-After) and the upstream codes come back.
func rechargePermanent(ctx context.Context, c *apiclient.Client, amount float64) (*apiclient.Balance, error) {
	return backoff.Retry(ctx, func() (*apiclient.Balance, error) {
		b, err := c.Recharge(ctx, amount)
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return b, err
		}
		switch apiErr.Code {
		case apiclient.CodeAuthExpiredToken:
			if rerr := c.RefreshToken(ctx); rerr != nil {
				return nil, backoff.Permanent(rerr)
			}
			return nil, err
		case apiclient.CodeRateLimitExceeded:
			return nil, backoff.RetryAfter(int(apiErr.RetryAfter / time.Second))
		case apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
			return nil, err
		}
		return nil, backoff.Permanent(err)
	}, backoff.WithMaxTries(5))
}

// listProducts retries the rate limit and the upstream codes with a
// ConstantBackOff: neither waits for Retry-After nor grows.
func listProducts(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	return backoff.Retry(ctx, func() ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeRateLimitExceeded, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return nil, err // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
			}
			return nil, backoff.Permanent(err)
		}
		return ps, err
	}, backoff.WithBackOff(&backoff.ConstantBackOff{Interval: time.Second}), backoff.WithMaxTries(4))
}

// listProductsRetryAfter is correct: the rate limit comes back as a
// RetryAfterError carrying the server's Retry-After, which Retry waits
// instead of its backoff; the upstream codes back off exponentially.
func listProductsRetryAfter(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	return backoff.Retry(ctx, func() ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeRateLimitExceeded:
				return nil, &backoff.RetryAfterError{Duration: apiErr.RetryAfter}
			case apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return nil, err
			}
			return nil, backoff.Permanent(err)
		}
		return ps, err
	}, backoff.WithBackOff(backoff.NewExponentialBackOff()), backoff.WithMaxTries(4))
}

// getSession retries the rate limit with Retry's default exponential
// backoff and no Retry-After.
func getSession(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		s, err := c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == apiclient.CodeRateLimitExceeded || apiErr.Code == apiclient.CodeBackendError {
				return nil, err // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
			}
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxElapsedTime(time.Minute))
}

// usage retries 429 through RetryAfter, but with a fixed second instead
// of the Retry-After header the response carries.
func usage(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	return backoff.Retry(ctx, func() (*apiclient.Usage, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			return nil, backoff.RetryAfter(1) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		case resp.StatusCode >= 500:
			return nil, fmt.Errorf("usage: status %d", resp.StatusCode)
		case resp.StatusCode != http.StatusOK:
			return nil, backoff.Permanent(fmt.Errorf("usage: status %d", resp.StatusCode))
		}
		var u apiclient.Usage
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return nil, backoff.Permanent(err)
		}
		return &u, nil
	})
}

// usageRetryAfter is correct: RetryAfter gets the seconds of the
// response's Retry-After header; 5xx back off exponentially by default.
func usageRetryAfter(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	return backoff.Retry(ctx, func() (*apiclient.Usage, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1
			}
			return nil, backoff.RetryAfter(secs)
		case resp.StatusCode >= 500:
			return nil, fmt.Errorf("usage: status %d", resp.StatusCode)
		case resp.StatusCode != http.StatusOK:
			return nil, backoff.Permanent(fmt.Errorf("usage: status %d", resp.StatusCode))
		}
		var u apiclient.Usage
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return nil, backoff.Permanent(err)
		}
		return &u, nil
	})
}

// reportEvent reads the envelope's code and retries the expired token
// without refreshing it.
func reportEvent(ctx context.Context, c *apiclient.Client, id, kind string) error {
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", map[string]string{"kind": kind})
		if err != nil {
			return struct{}{}, backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return struct{}{}, err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return struct{}{}, nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return struct{}{}, backoff.Permanent(err)
		}
		switch env.Error.Code {
		case "AUTH_EXPIRED_TOKEN", "BACKEND_ERROR", "BACKEND_TIMEOUT":
			return struct{}{}, fmt.Errorf("report event: %s", env.Error.Code) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return struct{}{}, backoff.Permanent(fmt.Errorf("report event: %s", env.Error.Code))
	}, backoff.WithMaxTries(3))
	return err
}

// reportEventRefresh is correct: the expired token is refreshed before
// the failure goes back to Retry; NewRequest reads the new token on the
// next attempt.
func reportEventRefresh(ctx context.Context, c *apiclient.Client, id, kind string) error {
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", map[string]string{"kind": kind})
		if err != nil {
			return struct{}{}, backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return struct{}{}, err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return struct{}{}, nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return struct{}{}, backoff.Permanent(err)
		}
		switch env.Error.Code {
		case "AUTH_EXPIRED_TOKEN":
			if err := c.RefreshToken(ctx); err != nil {
				return struct{}{}, backoff.Permanent(err)
			}
			return struct{}{}, fmt.Errorf("report event: %s", env.Error.Code)
		case "BACKEND_ERROR", "BACKEND_TIMEOUT":
			return struct{}{}, fmt.Errorf("report event: %s", env.Error.Code)
		}
		return struct{}{}, backoff.Permanent(fmt.Errorf("report event: %s", env.Error.Code))
	}, backoff.WithMaxTries(3))
	return err
}

// rotate hands every failure back to Retry.
func rotate(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		return c.RotateSession(ctx, id) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}, backoff.WithMaxElapsedTime(30*time.Second))
}

// createOnce is correct: WithMaxTries(1) makes Retry run the operation
// once and return its error, so the order is never placed twice.
func createOnce(ctx context.Context, c *apiclient.Client, productID string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		return c.CreateSession(ctx, productID, "")
	}, backoff.WithMaxTries(1))
}

// terminate retries 5xx with a ZeroBackOff: no delay at all.
func terminate(ctx context.Context, c *apiclient.Client, id string) error {
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		err := c.TerminateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err // want `retry of 502 with no delay: grow the delay exponentially per attempt`
	}, backoff.WithBackOff(&backoff.ZeroBackOff{}), backoff.WithMaxTries(3))
	return err
}

// terminateExponential is correct: 5xx and transport errors come back to
// Retry, which backs off with an ExponentialBackOff.
func terminateExponential(ctx context.Context, c *apiclient.Client, id string) error {
	eb := backoff.NewExponentialBackOff()
	eb.InitialInterval = time.Second
	_, err := backoff.Retry(ctx, func() (struct{}, error) {
		err := c.TerminateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(eb), backoff.WithMaxTries(3))
	return err
}
