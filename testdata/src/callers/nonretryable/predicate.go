// Package nonretryable mirrors the core nonretryable cases with each piece
// of the retry in a helper of another package: the attempt in the SDK
// (helpers/apiclient), the decision in a predicate (helpers/classify), the
// codes in sentinels and the error type (helpers/apierr), the delay in a
// delay helper (helpers/wait).
package nonretryable

import (
	"context"
	"errors"
	"log"

	"helpers/apiclient"
	"helpers/classify"
	"helpers/wait"
)

// createLoose asks a predicate that accepts every code but a low balance.
func createLoose(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsRetryableLoose(err) {
			wait.SleepBackoff(attempt)
			continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createRetryable is correct: the predicate accepts only rate limits,
// upstream failures and transport errors.
func createRetryable(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("create session: out of attempts")
}

// createUnlessPermanentButFunds returns on the permanent codes except a low
// balance, which it waits out.
func createUnlessPermanentButFunds(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsPermanent(err) && !classify.IsRetryableLoose(err) {
			log.Printf("balance too low, waiting for a top-up")
		} else if classify.IsPermanent(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
		continue // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
	}
	return nil, errors.New("create session: out of attempts")
}

// createUnlessPermanent is correct: every permanent code returns.
func createUnlessPermanent(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsPermanent(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("create session: out of attempts")
}

// renewTransient is correct: the predicate asks the error's Temporary
// method, true for the upstream codes only.
func renewTransient(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsTransient(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, err
}

// renewTransientOrMissing retries a missing session along with the
// transient failures.
func renewTransientOrMissing(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if classify.IsTransient(err) || classify.IsPermanent(err) && !classify.IsRetryable(err) && classify.IsRetryableLoose(err) {
			wait.SleepBackoff(attempt)
			continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		}
		return nil, err
	}
	return nil, err
}

// createByMessage is correct as far as the analysis can tell: the
// predicate reads the error text, so it has no summary and every outcome
// is unknown.
func createByMessage(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.ByMessage(err) {
			wait.SleepBackoff(attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// waitUntilActive is correct: it is not a retry. A failed read returns;
// the loop repeats only successful reads until the session is active.
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
