// Package callers retries through the helpers of inner and outer, which
// call themselves and each other, and through a pair of predicates of its
// own that call each other.
package callers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"recursive/inner"
	"recursive/outer"
)

// retryable and notPermanent call each other.
func retryable(err error) bool {
	if errors.Is(err, inner.ErrLimited) {
		return true
	}
	return notPermanent(err)
}

func notPermanent(err error) bool {
	var e *inner.APIError
	if errors.As(err, &e) && e.Code == "INVALID_REQUEST" {
		return false
	}
	return retryable(errors.Unwrap(err))
}

// callOuter retries what outer's predicate accepts, a rate limit
// included, with inner's exponential wait.
func callOuter(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := inner.Call(ctx, c, url) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err == nil {
			return nil
		}
		if !outer.IsRetryable(err) {
			return err
		}
		outer.Wait(attempt)
	}
	return errors.New("call: out of attempts")
}

// callHooked is silent: outer.ShouldRetry is false for every failure (at
// run time as well: inner.GiveUp of a rate limit is true), and the hooked
// predicate goes through a function value.
func callHooked(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := inner.Call(ctx, c, url)
		if err == nil {
			return nil
		}
		if !outer.Hooked(err) || !outer.ShouldRetry(err) {
			return err
		}
		time.Sleep(outer.Delay(attempt))
	}
	return errors.New("call: out of attempts")
}

// callLocal retries what the local pair of predicates accepts, a rate
// limit included, with inner's exponential delay.
func callLocal(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := inner.Call(ctx, c, url)
		if err == nil {
			return nil
		}
		if retryable(err) {
			time.Sleep(inner.Backoff(attempt))
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return err
	}
	return errors.New("call: out of attempts")
}

// callNoWait retries at once what inner's predicate accepts, a rate
// limit: that predicate and the one it calls call each other.
func callNoWait(ctx context.Context, c *http.Client, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := inner.Call(ctx, c, url)
		if err == nil {
			return nil
		}
		if inner.ShouldRetry(err) {
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return err
	}
	return errors.New("call: out of attempts")
}

// fetchRecursive calls itself on a 502 after outer's wait, on a 401 after
// outer's refresh, and on a 429 after the same exponential wait, which is
// not the header's value.
func fetchRecursive(ctx context.Context, c *http.Client, base string, attempt int) (*http.Response, error) {
	resp, err := outer.Fetch(ctx, c, base+"/v1/products")
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusBadGateway && attempt < 3:
		resp.Body.Close()
		outer.Wait(attempt)
		return fetchRecursive(ctx, c, base, attempt+1)
	case resp.StatusCode == http.StatusUnauthorized && attempt < 3:
		resp.Body.Close()
		if err := outer.Renew(ctx, c, base, 1); err != nil {
			return nil, err
		}
		return fetchRecursive(ctx, c, base, attempt+1)
	case resp.StatusCode == http.StatusTooManyRequests && attempt < 3:
		resp.Body.Close()
		outer.Wait(attempt)
		return fetchRecursive(ctx, c, base, attempt+1) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return resp, nil
}
