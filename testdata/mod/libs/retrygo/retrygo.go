// Package retrygo holds retry sites that hand a function to
// github.com/avast/retry-go/v4. Do calls it again after every error for
// which the RetryIf predicate holds (by default: not wrapped in
// retry.Unrecoverable), up to Attempts calls (10 by default), waiting what
// the DelayType gives (by default BackOffDelay plus RandomDelay: Delay,
// 100ms by default, doubled per attempt, plus jitter).
package retrygo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/avast/retry-go/v4"

	"libs/apiclient"
)

// listProducts retries the upstream codes with FixedDelay: the same
// second before every attempt.
func listProducts(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	return retry.DoWithData(func() ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout {
				return nil, err // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
			}
			return nil, retry.Unrecoverable(err)
		}
		return ps, err
	}, retry.Attempts(5), retry.Delay(time.Second), retry.DelayType(retry.FixedDelay), retry.Context(ctx))
}

// listProductsBackOff is correct: the upstream codes come back with
// BackOffDelay, which doubles Delay per attempt; the rest is
// Unrecoverable.
func listProductsBackOff(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	return retry.DoWithData(func() ([]apiclient.Product, error) {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout {
				return nil, err
			}
			return nil, retry.Unrecoverable(err)
		}
		return ps, err
	}, retry.Attempts(5), retry.Delay(500*time.Millisecond), retry.DelayType(retry.BackOffDelay), retry.Context(ctx))
}

// recharge hands every failure back to Do with its default options.
func recharge(ctx context.Context, c *apiclient.Client, amount float64) error {
	return retry.Do(func() error {
		_, err := c.Recharge(ctx, amount)
		return err // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}, retry.Context(ctx))
}

// createOnce is correct: with Attempts(1) Do calls the function once and
// returns, so an order without an idempotency key is never placed twice.
func createOnce(ctx context.Context, c *apiclient.Client, productID string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		return c.CreateSession(ctx, productID, "")
	}, retry.Attempts(1))
}

// retryAfterDelay is a DelayTypeFunc that waits the server's Retry-After
// on a rate limit and backs off exponentially otherwise.
func retryAfterDelay(n uint, err error, cfg *retry.Config) time.Duration {
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeRateLimitExceeded && apiErr.RetryAfter > 0 {
		return apiErr.RetryAfter
	}
	return retry.BackOffDelay(n, err, cfg)
}

// renewSession marks the auth codes and the request's own mistakes
// Unrecoverable and waits Retry-After through its DelayType, but hands
// INSUFFICIENT_BALANCE back for another attempt.
func renewSession(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		s, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return s, err
		}
		switch apiErr.Code {
		case apiclient.CodeAuthInvalidKey, apiclient.CodeAuthInsufficientPermission, apiclient.CodeAccountDisabled,
			apiclient.CodeSessionNotFound, apiclient.CodeInvalidRequest:
			return nil, retry.Unrecoverable(err)
		case apiclient.CodeAuthExpiredToken:
			if rerr := c.RefreshToken(ctx); rerr != nil {
				return nil, retry.Unrecoverable(rerr)
			}
		}
		return nil, err // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
	}, retry.Attempts(6), retry.DelayType(retryAfterDelay), retry.Context(ctx))
}

// renewSessionRetryAfter is correct: the same site with every
// never-retryable code Unrecoverable; the rate limit waits Retry-After
// through a DelayTypeFunc literal, the rest backs off exponentially.
func renewSessionRetryAfter(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		s, err := c.RenewSession(ctx, id, 60) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return s, err
		}
		switch apiErr.Code {
		case apiclient.CodeAuthExpiredToken:
			if rerr := c.RefreshToken(ctx); rerr != nil {
				return nil, retry.Unrecoverable(rerr)
			}
			return nil, err
		case apiclient.CodeRateLimitExceeded, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
			return nil, err
		}
		return nil, retry.Unrecoverable(err)
	}, retry.Attempts(6), retry.Context(ctx), retry.DelayType(func(n uint, err error, cfg *retry.Config) time.Duration {
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
			return apiErr.RetryAfter
		}
		return retry.BackOffDelay(n, err, cfg)
	}))
}

// rotate retries the rate limit and the upstream codes with a delay that
// grows by a second per attempt and ignores Retry-After.
func rotate(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Do(func() error {
		_, err := c.RotateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeRateLimitExceeded, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return err // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of BACKEND_ERROR with a linear delay: grow the delay exponentially per attempt`
			}
			return retry.Unrecoverable(err)
		}
		return err
	}, retry.Attempts(5), retry.DelayType(func(n uint, _ error, _ *retry.Config) time.Duration {
		return time.Duration(n) * time.Second
	}))
}

// terminate retries 5xx with FixedDelay plus RandomDelay: jitter around
// a fixed delay, which does not grow.
func terminate(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Do(func() error {
		err := c.TerminateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return retry.Unrecoverable(err)
		}
		return err // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
	}, retry.Attempts(4), retry.Delay(time.Second), retry.MaxJitter(200*time.Millisecond),
		retry.DelayType(retry.CombineDelay(retry.FixedDelay, retry.RandomDelay)))
}

// terminateBackOffJitter is correct: BackOffDelay plus RandomDelay, the
// default combination spelled out, grows exponentially.
func terminateBackOffJitter(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Do(func() error {
		err := c.TerminateSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return retry.Unrecoverable(err)
		}
		return err
	}, retry.Attempts(4), retry.Delay(time.Second), retry.MaxJitter(200*time.Millisecond),
		retry.DelayType(retry.CombineDelay(retry.BackOffDelay, retry.RandomDelay)))
}

// getSession hands the expired token back without a refresh; OnRetry
// only logs.
func getSession(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		s, err := c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthExpiredToken, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return nil, err // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
			}
			return nil, retry.Unrecoverable(err)
		}
		return s, err
	}, retry.OnRetry(func(n uint, err error) {
		log.Printf("get session %s: attempt %d: %v", id, n, err)
	}))
}

// getSessionOnRetryRefresh is correct: Do calls OnRetry after a failed
// attempt and before the delay, so the token refreshed there is the one
// the next attempt sends.
func getSessionOnRetryRefresh(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		s, err := c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeAuthExpiredToken, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return nil, err
			}
			return nil, retry.Unrecoverable(err)
		}
		return s, err
	}, retry.OnRetry(func(n uint, err error) {
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeAuthExpiredToken {
			if rerr := c.RefreshToken(ctx); rerr != nil {
				log.Printf("refresh token: %v", rerr)
			}
		}
	}))
}

// recommend lets RetryIf decide, and its list of transient codes holds
// PRODUCT_NOT_FOUND.
func recommend(ctx context.Context, c *apiclient.Client, query string) (json.RawMessage, error) {
	var out json.RawMessage
	err := retry.Do(func() error {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/products/recommend", map[string]string{"query": query})
		if err != nil {
			return retry.Unrecoverable(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var env apiclient.Envelope
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return retry.Unrecoverable(err)
		}
		if resp.StatusCode == http.StatusOK {
			out = env.Data
			return nil
		}
		return &apiclient.APIError{Code: env.Error.Code, Status: resp.StatusCode, Message: env.Error.Message}
	}, retry.RetryIf(func(err error) bool {
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return retry.IsRecoverable(err)
		}
		switch apiErr.Code {
		case apiclient.CodeBackendError, apiclient.CodeBackendTimeout, apiclient.CodeProductNotFound:
			return true // want `retry of PRODUCT_NOT_FOUND, which is never retryable: list the products, pick a valid one and return the error`
		}
		return false
	}), retry.Context(ctx))
	return out, err
}

// createSession lets RetryIf decide on the client's typed error, and
// retries PRODUCT_NOT_FOUND in case the catalogue is reloading.
func createSession(ctx context.Context, c *apiclient.Client, productID, key string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		return c.CreateSession(ctx, productID, key)
	}, retry.Attempts(5), retry.RetryIf(func(err error) bool {
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeProductNotFound, apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return true // want `retry of PRODUCT_NOT_FOUND, which is never retryable: list the products, pick a valid one and return the error`
			}
			return false
		}
		return retry.IsRecoverable(err)
	}))
}

// createSessionTransient is correct: the same create, with a RetryIf
// that holds only for the upstream codes and transport errors; the
// idempotency key keeps a retried create from ordering twice.
func createSessionTransient(ctx context.Context, c *apiclient.Client, productID, key string) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		return c.CreateSession(ctx, productID, key)
	}, retry.Attempts(5), retry.RetryIf(func(err error) bool {
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			return apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout
		}
		return retry.IsRecoverable(err)
	}))
}

// recommendTransient is correct: RetryIf holds only for transport errors
// and the upstream codes, so every other code ends Do at once.
func recommendTransient(ctx context.Context, c *apiclient.Client, query string) (json.RawMessage, error) {
	var out json.RawMessage
	err := retry.Do(func() error {
		req, err := c.NewRequest(ctx, http.MethodPost, "/v1/products/recommend", map[string]string{"query": query})
		if err != nil {
			return retry.Unrecoverable(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var env apiclient.Envelope
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return retry.Unrecoverable(err)
		}
		if resp.StatusCode == http.StatusOK {
			out = env.Data
			return nil
		}
		return &apiclient.APIError{Code: env.Error.Code, Status: resp.StatusCode, Message: env.Error.Message}
	}, retry.RetryIf(func(err error) bool {
		var apiErr *apiclient.APIError
		if !errors.As(err, &apiErr) {
			return retry.IsRecoverable(err)
		}
		return apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout
	}), retry.Context(ctx))
	return out, err
}

// balance marks 4xx Unrecoverable, but its RetryIf replaces the default
// predicate, and with Attempts above zero Do consults only RetryIf: the
// marked errors are retried all the same.
func balance(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return retry.DoWithData(func() (*apiclient.Balance, error) {
		b, err := c.GetBalance(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return nil, retry.Unrecoverable(err)
		}
		return b, err
	}, retry.Attempts(4), retry.RetryIf(func(err error) bool {
		return !errors.Is(err, context.Canceled) // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
	}))
}

// balanceRecoverable is correct: its RetryIf keeps the default check, so
// the Unrecoverable 4xx end Do.
func balanceRecoverable(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return retry.DoWithData(func() (*apiclient.Balance, error) {
		b, err := c.GetBalance(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Status < 500 {
			return nil, retry.Unrecoverable(err)
		}
		return b, err
	}, retry.Attempts(4), retry.RetryIf(func(err error) bool {
		return retry.IsRecoverable(err) && !errors.Is(err, context.Canceled)
	}))
}

// pollUsage is correct: with Attempts(0) Do checks IsRecoverable before
// RetryIf, so the Unrecoverable 4xx end it even though RetryIf would
// retry them; 5xx back off exponentially until the context ends.
func pollUsage(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Usage, error) {
	return retry.DoWithData(func() (*apiclient.Usage, error) {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return nil, retry.Unrecoverable(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return nil, retry.Unrecoverable(fmt.Errorf("usage: status %d", resp.StatusCode))
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		var u apiclient.Usage
		if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
			return nil, retry.Unrecoverable(err)
		}
		return &u, nil
	}, retry.UntilSucceeded(), retry.Context(ctx), retry.RetryIf(func(err error) bool {
		return !errors.Is(err, context.Canceled)
	}))
}
