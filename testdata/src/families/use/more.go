package use

import (
	"context"
	"errors"
	"time"

	"families/api"
)

// validationExits gives up on a validation error and retries server
// errors with backoff; nothing else reaches the retry. Silent.
func validationExits(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 4; attempt++ {
		u, err := c.GetUser(ctx, id)
		var ve *api.ValidationError
		var se *api.ServerError
		switch {
		case err == nil:
			return u, nil
		case errors.As(err, &ve):
			return nil, err
		case errors.As(err, &se):
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// rateLimitHonoured waits the RateLimitError's delay, found with
// errors.As. Silent.
func rateLimitHonoured(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 4; attempt++ {
		u, err := c.GetUser(ctx, id)
		var rl *api.RateLimitError
		if errors.As(err, &rl) {
			time.Sleep(rl.RetryAfter)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// rateLimitFixed waits a fixed pause on the RateLimitError.
func rateLimitFixed(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 4; attempt++ {
		u, err := c.GetUser(ctx, id)
		var rl *api.RateLimitError
		if errors.As(err, &rl) {
			time.Sleep(3 * time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// notFoundAssertExits returns on the families it knows, found by
// assertion, and backs off on everything else: the SDK's UnexpectedError
// (402 among others) is retried.
func notFoundAssertExits(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 4; attempt++ {
		u, err := c.GetUser(ctx, id) // want `retry of 402, which is never retryable: recharge the balance and return the error`
		if err == nil {
			return u, nil
		}
		if _, ok := err.(*api.NotFoundError); ok {
			return nil, err
		}
		if _, ok := err.(*api.ValidationError); ok {
			return nil, err
		}
		if _, ok := err.(*api.AuthenticationError); ok {
			return nil, err
		}
		if _, ok := err.(*api.RateLimitError); ok {
			return nil, err
		}
		time.Sleep(time.Second << attempt)
	}
	return nil, errors.New("out of attempts")
}
