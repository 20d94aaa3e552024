package use

import (
	"context"
	"errors"
	"log"
	"time"

	"families/api"
)

// profile is a service that reads users through the SDK.
type profile struct {
	c *api.Client
}

// validationRetried retries the SDK's validation error with the server
// errors.
func (p *profile) validationRetried(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		var ve *api.ValidationError
		var se *api.ServerError
		if errors.As(err, &ve) || errors.As(err, &se) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// notFoundSwitchRetried puts the not-found case with the server errors.
func (p *profile) notFoundSwitchRetried(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		switch err.(type) {
		case *api.NotFoundError, *api.ServerError:
			log.Printf("get user %s: %v", id, err)
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// serverNoPause retries the server errors at once.
func (p *profile) serverNoPause(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		if _, ok := err.(*api.ServerError); ok {
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// rateLimitNoUnit sleeps the error's delay in the wrong place: it waits a
// fixed second first, then ignores the delay.
func (p *profile) rateLimitIgnored(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		var rl *api.RateLimitError
		if errors.As(err, &rl) {
			log.Printf("rate limited, server asks for %v", rl.RetryAfter)
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// notFoundSwitchExits returns the not-found error and backs off on the
// server errors.
func (p *profile) notFoundSwitchExits(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		switch err.(type) {
		case *api.NotFoundError:
			return nil, err
		case *api.ServerError:
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// authExits gives up on authentication errors, found with errors.As.
func (p *profile) authExits(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		var ae *api.AuthenticationError
		if errors.As(err, &ae) {
			return nil, err
		}
		var se *api.ServerError
		if errors.As(err, &se) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// serverBackoff retries the server errors with a doubling pause.
func (p *profile) serverBackoff(ctx context.Context, id string) (*api.User, error) {
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		if _, ok := err.(*api.ServerError); ok {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// rateLimitWaits sleeps the error's delay.
func (p *profile) rateLimitWaits(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		if rl, ok := err.(*api.RateLimitError); ok {
			time.Sleep(rl.RetryAfter)
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}

// rateLimitCapped waits the error's delay, capped at a minute.
func (p *profile) rateLimitCapped(ctx context.Context, id string) (*api.User, error) {
	for attempt := 0; attempt < 3; attempt++ {
		u, err := p.c.GetUser(ctx, id)
		var rl *api.RateLimitError
		if errors.As(err, &rl) {
			time.Sleep(min(rl.RetryAfter, time.Minute))
			continue
		}
		return u, err
	}
	return nil, errors.New("out of attempts")
}
