package tokenrefresh

import (
	"context"
	"errors"
	"net/http"
	"time"

	"sdk"
)

// renewTypeSwitch retries an expired token at once: type switch. The
// expired-token case falls off the body's end into the next attempt.
func renewTypeSwitch(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.RenewSession(ctx, id, 60) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			if e.Code != sdk.CodeAuthExpiredToken {
				return nil, err
			}
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: token keeps expiring")
}

// renewTypeSwitchRefresh is correct: the type switch's expired-token case
// refreshes the token before the next attempt.
func renewTypeSwitchRefresh(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 2; attempt++ {
		s, err := c.RenewSession(ctx, id, 60)
		switch e := err.(type) {
		case nil:
			return s, nil
		case *sdk.APIError:
			if e.Code != sdk.CodeAuthExpiredToken {
				return nil, err
			}
			if err := refreshSDK(ctx, c); err != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
	return nil, errors.New("renew: token keeps expiring")
}

// rotateStatusField retries on the typed error's 401 status after a pause.
func rotateStatusField(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for range 3 {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
			time.Sleep(500 * time.Millisecond)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, err
}

// rotateInvalidKeyReturns is correct: with an API key there is nothing to
// refresh, and both 401 codes return.
func rotateInvalidKeyReturns(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || apiErr.Status == http.StatusUnauthorized {
			return nil, err
		}
		if apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, err
}

// rotateAsserted asserts the error's type with comma-ok and retries an
// expired token without refreshing it.
func rotateAsserted(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		if apiErr, ok := err.(*sdk.APIError); ok && apiErr.Code == sdk.CodeAuthExpiredToken {
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, err
}
