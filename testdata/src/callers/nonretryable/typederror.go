package nonretryable

import (
	"context"
	"errors"
	"net/http"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/wait"
)

// renewTemporaryOrMissing asks the error's method and adds a missing
// session to what it retries.
func renewTemporaryOrMissing(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && (e.Temporary() || e.Code == "SESSION_NOT_FOUND") {
			wait.SleepBackoff(attempt)
			continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		}
		return nil, err
	}
	return nil, err
}

// renewTemporary is correct: only what the error calls temporary loops.
func renewTemporary(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && e.Temporary() {
			wait.SleepBackoff(attempt)
			continue
		}
		return nil, err
	}
	return nil, err
}

// balanceNotPermanentTypeSwitch returns on what the error calls permanent,
// except a 404 status: a missing session is retried. The code is read
// (by Permanent), so the finding names the code.
func balanceNotPermanentTypeSwitch(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	for attempt := 0; attempt < 5; attempt++ {
		b, err := c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if e.Permanent() && e.Status != http.StatusNotFound {
				return nil, err
			}
			wait.SleepBackoff(attempt)
			continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		default:
			return nil, err
		}
	}
	return nil, errors.New("balance: out of attempts")
}

// balancePermanentTypeSwitch is correct: the type switch returns whatever
// the error calls permanent.
func balancePermanentTypeSwitch(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	for attempt := 0; attempt < 5; attempt++ {
		b, err := c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if e.Permanent() {
				return nil, err
			}
			wait.SleepBackoff(attempt)
			continue
		default:
			return nil, err
		}
	}
	return nil, errors.New("balance: out of attempts")
}

// balanceServerSideOr404 retries what the error's method calls server-side
// and a 404 too, through a comma-ok assertion. Both read only the status,
// so the finding names the status.
func balanceServerSideOr404(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var b *apiclient.Balance
		b, err = c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		if e, ok := err.(*apierr.APIError); ok && (e.ServerSide() || e.Status == http.StatusNotFound) {
			wait.SleepBackoff(attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return nil, err
	}
	return nil, err
}

// balanceServerSide is correct: only 5xx loops.
func balanceServerSide(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var b *apiclient.Balance
		b, err = c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		if e, ok := err.(*apierr.APIError); !ok || !e.ServerSide() {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, err
}
