package retryafter

import (
	"context"
	"errors"
	"net/http"
	"time"

	"sdk"
)

// renewTypeSwitch retries a rate limit at once: type switch on the error.
func renewTypeSwitch(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.RenewSession(ctx, id, 60)
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			if e.Code == sdk.CodeRateLimitExceeded {
				continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
			}
			return nil, err
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: rate limited")
}

// renewTypeSwitchWaits is correct: the type switch's rate-limit case waits
// for the error's RetryAfter in a select with the context.
func renewTypeSwitchWaits(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.RenewSession(ctx, id, 60)
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			if e.Code != sdk.CodeRateLimitExceeded {
				return nil, err
			}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(e.RetryAfter):
			}
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: rate limited")
}

// rotateStatusField checks the typed error's status, not its code, and
// waits a fixed time.
func rotateStatusField(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
			time.Sleep(3 * time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, err
}

// rotateStatusFieldWaits is correct: same check, and it waits for the
// error's RetryAfter through a local variable.
func rotateStatusFieldWaits(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
			wait := apiErr.RetryAfter
			time.Sleep(wait)
			continue
		}
		return nil, err
	}
	return nil, err
}

// createFreeingSessions is correct: SESSION_LIMIT_REACHED (also a 429) is
// retried after terminating the oldest session, as documented; a rate
// limit returns.
func createFreeingSessions(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest, open []string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionLimitReached && len(open) > 0 {
			if err := c.TerminateSession(ctx, open[0]); err != nil {
				return nil, err
			}
			open = open[1:]
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: session limit")
}

// createRateLimitReturns is correct: a rate limit ends the call with its
// error; only upstream failures are retried.
func createRateLimitReturns(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := time.Second
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || apiErr.Code == sdk.CodeRateLimitExceeded {
			return nil, err
		}
		if apiErr.Code != sdk.CodeBackendError && apiErr.Code != sdk.CodeBackendTimeout {
			return nil, err
		}
		time.Sleep(delay)
		delay *= 2
	}
	return nil, errors.New("create session: upstream failing")
}
