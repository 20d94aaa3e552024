// Package retryafter mirrors the core retryafter cases with each piece of
// the retry in a helper of another package: the attempt in the SDK, the
// decision in a predicate or a sentinel, the wait in a delay helper.
package retryafter

import (
	"context"
	"errors"
	"log"
	"time"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/classify"
	"helpers/wait"
)

// createFixedPause waits a fixed second on the rate-limit sentinel, in a
// helper.
func createFixedPause(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrRateLimited) {
			wait.Pause()
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createWaitsForError is correct: a helper sleeps for the Retry-After the
// API error carries.
func createWaitsForError(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.Is(err, apierr.ErrRateLimited) && errors.As(err, &e) {
			wait.WaitFor(e)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createRateLimitedBackoff waits an exponential delay on a rate limit,
// which is not the header's value.
func createRateLimitedBackoff(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsRateLimited(err) {
			wait.SleepBackoff(attempt)
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createRateLimitedField is correct: the predicate finds the rate limit
// and the loop sleeps for the error's Retry-After.
func createRateLimitedField(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if classify.IsRateLimited(err) && errors.As(err, &e) {
			time.Sleep(e.RetryAfter)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createRetryableBackoff retries what the predicate accepts, rate limits
// included, with one exponential delay for all.
func createRetryableBackoff(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
		continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return nil, errors.New("create session: out of attempts")
}

// createRetryableSplit is correct: of what the predicate accepts, a rate
// limit waits for the error's Retry-After and the rest backs off.
func createRetryableSplit(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) {
			return nil, err
		}
		var e *apierr.APIError
		if errors.Is(err, apierr.ErrRateLimited) && errors.As(err, &e) {
			wait.WaitFor(e)
			continue
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("create session: out of attempts")
}

// createLogsRetryAfter reads the error's Retry-After only to log it, and
// waits a helper's constant delay instead.
func createLogsRetryAfter(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && classify.IsRateLimited(err) {
			log.Printf("rate limited, server asks to wait %s", e.RetryAfter)
			time.Sleep(wait.ConstantDelay())
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// createRateLimitedGivesUp is correct: a rate limit returns.
func createRateLimitedGivesUp(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsRateLimited(err) || !classify.IsUpstream(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("create session: out of attempts")
}

// createEverythingBackoff retries every failure but a low balance with a
// helper's exponential delay, rate limits included.
func createEverythingBackoff(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; ; attempt++ {
		s, err := c.CreateSession(ctx, req) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrNoFunds) || attempt == 6 {
			return nil, err
		}
		time.Sleep(wait.Backoff(attempt))
	}
}

// waitUntilActive is correct: it is not a retry; it polls successful
// reads until the session is active and returns on any failure.
func waitUntilActive(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		wait.Pause()
	}
}
