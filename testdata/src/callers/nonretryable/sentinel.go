package nonretryable

import (
	"context"
	"errors"
	"time"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/wait"
)

// createWaitForTopUp hopes the balance is recharged meanwhile: the
// sentinel's code comes from its initializer.
func createWaitForTopUp(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 10; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrNoFunds) {
			time.Sleep(time.Minute)
			continue // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
		}
		return nil, err
	}
	return nil, errors.New("balance was not topped up in time")
}

// createRateLimitedSentinel is correct for this rule: the sentinel stands
// for RATE_LIMIT_EXCEEDED, which may be retried.
func createRateLimitedSentinel(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 10; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.Is(err, apierr.ErrRateLimited) && errors.As(err, &e) {
			time.Sleep(e.RetryAfter)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// rotateNotFoundLag treats a missing session as replication lag: the
// sentinel's codes come from the mapping function.
func rotateNotFoundLag(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *apiclient.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrNotFound) || errors.Is(err, apierr.ErrUpstream) {
			wait.SleepBackoff(attempt)
			continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		}
		return nil, err
	}
	return nil, err
}

// rotateUpstreamSentinel is correct: the mapped sentinel stands for the
// upstream codes only.
func rotateUpstreamSentinel(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *apiclient.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, apierr.ErrUpstream) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, err
}

// listAllButBadKey returns on the credential sentinel and retries the
// rest, a malformed request included.
func listAllButBadKey(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; ; attempt++ {
		ps, err := c.ListProducts(ctx) // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
		if err == nil {
			return ps, nil
		}
		if errors.Is(err, apierr.ErrBadKey) || attempt == 4 {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
}

// listStopsOnSentinels is correct: each permanent sentinel returns.
func listStopsOnSentinels(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 5; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		switch {
		case errors.Is(err, apierr.ErrBadKey), errors.Is(err, apierr.ErrNoFunds),
			errors.Is(err, apierr.ErrNotFound), errors.Is(err, apierr.ErrBadRequest):
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("list products: out of attempts")
}

// listOtherSentinel is correct: the catch-all sentinel stands for codes
// that may be retried (conflicts, session limits, internal errors).
func listOtherSentinel(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 5; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		if errors.Is(err, apierr.ErrOther) {
			wait.SleepBackoff(attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("list products: out of attempts")
}
