package backoff

import (
	"context"
	"errors"
	"time"

	"sdk"
)

// renewTypeSwitch retries upstream codes with a delay that grows by half
// a second per attempt: type switch.
func renewTypeSwitch(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.RenewSession(ctx, id, 60)
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			switch e.Code {
			case sdk.CodeBackendError, sdk.CodeBackendTimeout:
				time.Sleep(time.Duration(attempt+1) * 500 * time.Millisecond)
				continue // want `retry of BACKEND_ERROR with a linear delay: grow the delay exponentially per attempt`
			}
			return nil, err
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: upstream failing")
}

// renewTypeSwitchBackoff is correct: the same switch with 1<<attempt.
func renewTypeSwitchBackoff(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	const base = 500 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.RenewSession(ctx, id, 60)
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			switch e.Code {
			case sdk.CodeBackendError, sdk.CodeBackendTimeout:
				time.Sleep(time.Duration(1<<attempt) * base)
				continue
			}
			return nil, err
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: upstream failing")
}

// balanceStatusField retries on the typed error's 5xx status with a fixed
// pause.
func balanceStatusField(ctx context.Context, c *sdk.Client) (*sdk.Balance, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var b *sdk.Balance
		b, err = c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Status >= 500 {
			time.Sleep(time.Second)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, err
}

// balanceInternalOnly is correct for this rule: only INTERNAL_ERROR (500)
// is retried, which is not an upstream failure.
func balanceInternalOnly(ctx context.Context, c *sdk.Client) (*sdk.Balance, error) {
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var b *sdk.Balance
		b, err = c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeInternalError {
			time.Sleep(time.Second)
			continue
		}
		return nil, err
	}
	return nil, err
}

// createOutOfStock is correct for this rule: only PRODUCT_OUT_OF_STOCK
// (409) is retried at a fixed pace; upstream failures return.
func createOutOfStock(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeProductOutOfStock {
			time.Sleep(10 * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of stock")
}

// createRateLimited is correct for this rule: the rate limit waits for
// Retry-After and the upstream codes return.
func createRateLimited(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}
