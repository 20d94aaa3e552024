// Package backoffv4 holds retry sites that hand an operation to
// github.com/cenkalti/backoff/v4. Retry calls the operation again after
// every error except a *backoff.PermanentError (backoff.Permanent), which
// ends the retry, waiting what the BackOff's NextBackOff says in between.
package backoffv4

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"time"

	"github.com/cenkalti/backoff/v4"

	"libs/apiclient"
)

// renewSession gives up on the auth and request codes and hands
// INSUFFICIENT_BALANCE back to Retry like a transient failure: it should
// have been backoff.Permanent(err).
func renewSession(ctx context.Context, c *apiclient.Client, id string) error {
	op := func() error {
		_, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthInvalidKey, apiclient.CodeAuthInsufficientPermission,
				apiclient.CodeAccountDisabled, apiclient.CodeInvalidRequest, apiclient.CodeSessionNotFound:
				return backoff.Permanent(err)
			case apiclient.CodeAuthExpiredToken:
				if rerr := c.RefreshToken(ctx); rerr != nil {
					return backoff.Permanent(rerr)
				}
				return err
			case apiclient.CodeRateLimitExceeded:
				time.Sleep(apiErr.RetryAfter)
				return err
			}
		}
		return err // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// renewSessionPermanent is correct: every never-retryable code is
// permanent, the expired token is refreshed, the rate limit waits for
// Retry-After, and the rest backs off exponentially.
func renewSessionPermanent(ctx context.Context, c *apiclient.Client, id string) error {
	op := func() error {
		_, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthInvalidKey, apiclient.CodeAuthInsufficientPermission,
				apiclient.CodeAccountDisabled, apiclient.CodeInsufficientBalance,
				apiclient.CodeInvalidRequest, apiclient.CodeSessionNotFound, apiclient.CodeProductNotFound:
				return backoff.Permanent(err)
			case apiclient.CodeAuthExpiredToken:
				if rerr := c.RefreshToken(ctx); rerr != nil {
					return backoff.Permanent(rerr)
				}
				return err
			case apiclient.CodeRateLimitExceeded:
				time.Sleep(apiErr.RetryAfter)
				return err
			}
		}
		return err
	}
	return backoff.Retry(op, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}

// listProducts retries the upstream codes, but with a ConstantBackOff.
func listProducts(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	var products []apiclient.Product
	op := func() error {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			products = ps
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout) {
			return err // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return backoff.Permanent(err)
	}
	err := backoff.Retry(op, backoff.NewConstantBackOff(2*time.Second))
	return products, err
}

// listProductsExponential is correct: only the upstream codes are
// retried, with an ExponentialBackOff; everything else is permanent.
func listProductsExponential(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	var products []apiclient.Product
	op := func() error {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			products = ps
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout) {
			return err
		}
		return backoff.Permanent(err)
	}
	b := backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(2 * time.Minute))
	err := backoff.Retry(op, b)
	return products, err
}

// sessionUsage reads only the status: it retries 429 and 5xx with an
// exponential backoff and never looks at Retry-After.
func sessionUsage(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	var usage apiclient.Usage
	op := func() error {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			return fmt.Errorf("usage: status %d", resp.StatusCode) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return backoff.Permanent(fmt.Errorf("usage: status %d", resp.StatusCode))
		}
		return json.NewDecoder(resp.Body).Decode(&usage)
	}
	err := backoff.Retry(op, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5))
	return &usage, err
}

// sessionUsageRetryAfter is correct: a 429 sleeps for the Retry-After
// header before it hands the failure back, 5xx back off exponentially,
// and other statuses are permanent.
func sessionUsageRetryAfter(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	var usage apiclient.Usage
	op := func() error {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return backoff.Permanent(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusOK:
			return json.NewDecoder(resp.Body).Decode(&usage)
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			return fmt.Errorf("usage: rate limited")
		case resp.StatusCode >= 500:
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return backoff.Permanent(fmt.Errorf("usage: status %d", resp.StatusCode))
	}
	err := backoff.Retry(op, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5))
	return &usage, err
}

// getSession retries an expired token like an upstream failure, and
// RetryNotify's notify only logs: the next attempt sends the same token.
func getSession(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var s *apiclient.Session
	op := func() error {
		var err error
		s, err = c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthExpiredToken, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return err // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
			}
			return backoff.Permanent(err)
		}
		return err
	}
	notify := func(err error, wait time.Duration) {
		log.Printf("get session %s: %v; retrying in %s", id, err, wait)
	}
	err := backoff.RetryNotify(op, backoff.NewExponentialBackOff(), notify)
	return s, err
}

// getSessionNotifyRefresh is correct: RetryNotify calls notify after a
// failed attempt and before the wait, so refreshing the token there
// gives the next attempt a new token.
func getSessionNotifyRefresh(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var s *apiclient.Session
	op := func() error {
		var err error
		s, err = c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthExpiredToken, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return err
			}
			return backoff.Permanent(err)
		}
		return err
	}
	notify := func(err error, wait time.Duration) {
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeAuthExpiredToken {
			if rerr := c.RefreshToken(ctx); rerr != nil {
				log.Printf("refresh token: %v", rerr)
			}
		}
	}
	err := backoff.RetryNotify(op, backoff.NewExponentialBackOff(), notify)
	return s, err
}

// balance hands every failure back to RetryWithData: never-retryable
// codes, the rate limit and the expired token are all tried again.
func balance(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return backoff.RetryWithData(func() (*apiclient.Balance, error) {
		return c.GetBalance(ctx) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}, backoff.NewExponentialBackOff())
}

// balanceTransientOnly is correct: RetryWithData gets back only transport
// errors and the upstream codes; the rest is wrapped in Permanent, also
// through fmt.Errorf, which Retry unwraps with errors.As.
func balanceTransientOnly(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return backoff.RetryWithData(func() (*apiclient.Balance, error) {
		b, err := c.GetBalance(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, fmt.Errorf("balance: %w", backoff.Permanent(err))
		}
		return b, err
	}, backoff.NewExponentialBackOff())
}

// rotateSession retries the upstream codes with a ZeroBackOff: no delay.
func rotateSession(ctx context.Context, c *apiclient.Client, id string) error {
	return backoff.Retry(func() error {
		_, err := c.RotateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status >= 500 {
			return err // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return backoff.Permanent(err)
	}, backoff.WithMaxRetries(&backoff.ZeroBackOff{}, 3))
}

// rotateSessionExponential is correct: only 5xx come back to Retry, and
// the BackOff is exponential; its fields are set after construction.
func rotateSessionExponential(ctx context.Context, c *apiclient.Client, id string) error {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 250 * time.Millisecond
	b.MaxElapsedTime = time.Minute
	return backoff.Retry(func() error {
		_, err := c.RotateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status >= 500 {
			return err
		}
		return backoff.Permanent(err)
	}, b)
}

// waitActive polls a new session until it is active, and also retries
// SESSION_NOT_FOUND in case the session has not propagated yet.
func waitActive(ctx context.Context, c *apiclient.Client, id string) error {
	errPending := errors.New("session not active yet")
	return backoff.Retry(func() error {
		s, err := c.GetSession(ctx, id)
		if err == nil {
			if s.Status != "active" {
				return errPending
			}
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeSessionNotFound, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return err // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
			}
		}
		return backoff.Permanent(err)
	}, backoff.WithContext(backoff.NewExponentialBackOff(), ctx))
}
