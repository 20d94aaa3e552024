// Package backoff mirrors the core backoff cases with each piece of the
// retry in a helper of another package: the attempt in the SDK, the
// decision in a predicate or a sentinel, the delay in a delay helper that
// sleeps or returns a delay of a known growth.
package backoff

import (
	"context"
	"errors"
	"time"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/classify"
	"helpers/wait"
)

// createUpstreamPause retries the upstream sentinel after a helper's
// fixed pause.
func createUpstreamPause(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsUpstream(err) {
			wait.Pause()
			continue // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createUpstreamBackoff is correct: a helper sleeps an exponential delay.
func createUpstreamBackoff(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsUpstream(err) {
			wait.SleepBackoff(attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// renewTransientLinear sleeps a helper's linear delay on what the error
// calls temporary.
func renewTransientLinear(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if classify.IsTransient(err) {
			wait.SleepLinear(attempt)
			continue // want `retry of BACKEND_ERROR with a linear delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, err
}

// renewTransientBackoff is correct: it sleeps the exponential delay a
// helper returns.
func renewTransientBackoff(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if classify.IsTransient(err) {
			time.Sleep(wait.Backoff(attempt))
			continue
		}
		return nil, err
	}
	return nil, err
}

// renewTemporaryNoDelay asks the error's method and tries again at once.
func renewTemporaryNoDelay(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && e.Temporary() {
			continue // want `retry of BACKEND_ERROR with no delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, err
}

// renewTemporaryPow is correct: the method decides and a helper returns a
// delay of math.Pow(2, attempt) seconds.
func renewTemporaryPow(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && e.Temporary() {
			time.Sleep(wait.BackoffPow(attempt))
			continue
		}
		return nil, err
	}
	return nil, err
}

// createRetryableConstant retries what the strict predicate accepts after
// a helper's constant delay.
func createRetryableConstant(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) {
			return nil, err
		}
		time.Sleep(wait.ConstantDelay())
		continue // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
	}
	return nil, errors.New("create session: out of attempts")
}

// createRetryableLinearReturned retries the upstream sentinel after the
// linear delay a helper returns.
func createRetryableLinearReturned(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrUpstream) {
			time.Sleep(wait.Linear(attempt + 1))
			continue // want `retry of BACKEND_ERROR with a linear delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createUpstreamJitter is correct: the helper's delay doubles per attempt
// and adds a random jitter.
func createUpstreamJitter(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrUpstream) {
			time.Sleep(wait.BackoffJitter(attempt))
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createOtherConstant is correct for this rule: the catch-all sentinel
// stands for no upstream code, so its fixed pause is not a backoff bug.
func createOtherConstant(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrOther) {
			wait.Pause()
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createEverythingFixed retries every failure but the credential sentinel
// after a fixed pause; the body falls off its end.
func createEverythingFixed(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	var (
		s   *apiclient.Session
		err error
	)
	for attempt := 0; attempt < 5; attempt++ {
		s, err = c.CreateSession(ctx, req) // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		if err == nil || errors.Is(err, apierr.ErrBadKey) {
			break
		}
		wait.Pause()
	}
	return s, err
}

// waitUntilActive is correct: it is not a retry; it polls successful
// reads at a helper's fixed pace and returns on any failure.
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
