package nonretryable

import (
	"context"
	"errors"
	"strings"
	"time"

	"sdk"
)

// isRetryable guesses from the error text; the analyzer cannot tell which
// codes it accepts.
func isRetryable(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "timeout") || strings.Contains(msg, "temporar")
}

// createWithPredicate is correct as far as the analyzer can tell: the
// retry hangs on a predicate it cannot resolve, so the outcome is unknown.
func createWithPredicate(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && isRetryable(err) {
			time.Sleep(time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createByErrorText is correct as far as the analyzer can tell: it matches
// the error text, which cannot be resolved per code.
func createByErrorText(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && strings.Contains(err.Error(), "BACKEND") {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// retrier delegates the decision to a configurable function.
type retrier struct {
	c           *sdk.Client
	shouldRetry func(error) bool
}

// create is correct as far as the analyzer can tell: the decision is a
// function value it cannot see into.
func (r *retrier) create(ctx context.Context, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := r.c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && r.shouldRetry(err) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}
