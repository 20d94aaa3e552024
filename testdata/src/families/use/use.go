// Package use retries calls of an SDK whose failures are typed error
// families of another package: errors.As, type switches and assertions to
// those types resolve per status through the SDK's ErrorFamily facts.
package use

import (
	"context"
	"errors"
	"time"

	"families/api"
)

// retryNotFound waits for a user to appear: a retry of 404.
func retryNotFound(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		var nf *api.NotFoundError
		if errors.As(err, &nf) {
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return u, err
	}
	return nil, errors.New("user never appeared")
}

// notFoundExits gives up on a missing user and backs off on server
// errors. Silent.
func notFoundExits(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		var se *api.ServerError
		if errors.As(err, &se) {
			time.Sleep(100 * time.Millisecond << attempt)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// switchFixedPause handles the families in a type switch and waits a
// fixed second on a rate limit.
func switchFixedPause(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		switch err.(type) {
		case nil:
			return u, nil
		case *api.RateLimitError:
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		case *api.ServerError:
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// switchHonours waits the RateLimitError's own delay. Silent.
func switchHonours(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		switch e := err.(type) {
		case nil:
			return u, nil
		case *api.RateLimitError:
			time.Sleep(e.RetryAfter)
			continue
		case *api.ServerError:
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// serverConstant retries server errors on a fixed pause.
func serverConstant(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		if _, ok := err.(*api.ServerError); ok {
			time.Sleep(2 * time.Second)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// authRetried retries an authentication failure without a new token: 401
// needs a refresh, and 403 (the same type) is never retryable.
func authRetried(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := c.GetUser(ctx, id)
		var ae *api.AuthenticationError
		if errors.As(err, &ae) {
			time.Sleep(time.Second << attempt)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error` `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// everythingButValidation gives up only on a validation error: every
// other family is retried on a fixed pause.
func everythingButValidation(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var u *api.User
		if u, err = c.GetUser(ctx, id); err == nil { // want `retry of 402, which is never retryable: recharge the balance and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
			return u, nil
		}
		var ve *api.ValidationError
		if errors.As(err, &ve) {
			return nil, err
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// onlyServerAndRateLimit retries exactly the two retryable families, each
// as the contract asks; the assertion form. Silent.
func onlyServerAndRateLimit(ctx context.Context, c *api.Client, id string) (*api.User, error) {
	for attempt := 0; attempt < 5; attempt++ {
		u, err := c.GetUser(ctx, id)
		if rl, ok := err.(*api.RateLimitError); ok {
			time.Sleep(rl.RetryAfter)
			continue
		}
		if _, ok := err.(*api.ServerError); ok {
			time.Sleep(250 * time.Millisecond << attempt)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}
