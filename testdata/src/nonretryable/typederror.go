package nonretryable

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"

	"sdk"
)

// renewUnlessUnauthorized stops on the two 401 codes and retries the rest.
func renewUnlessUnauthorized(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *sdk.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeAuthInvalidKey || apiErr.Code == sdk.CodeAuthExpiredToken) {
			return nil, err
		}
		log.Printf("renew %s: %v, retrying", id, err)
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		continue // want `retry of AUTH_INSUFFICIENT_PERMISSION, which is never retryable: check the API key's scope and return the error`
	}
	return nil, err
}

// recommendTypeSwitch returns transport errors and the auth codes, and
// retries every other API error. Type switch on the error.
func recommendTypeSwitch(ctx context.Context, c *sdk.Client) ([]sdk.Product, error) {
	for attempt := 0; ; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		switch e := err.(type) {
		case *sdk.APIError:
			switch e.Code {
			case sdk.CodeAuthInvalidKey, sdk.CodeAuthInsufficientPermission, sdk.CodeAccountDisabled:
				return nil, err
			}
			if attempt == 4 {
				return nil, err
			}
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue // want `retry of INSUFFICIENT_BALANCE, which is never retryable: recharge the balance and return the error`
		default:
			return nil, err
		}
	}
}

// recommendTypeSwitchPermanent is correct: the type switch sends every
// permanent code to the return; only upstream codes and rate limits loop.
func recommendTypeSwitchPermanent(ctx context.Context, c *sdk.Client) ([]sdk.Product, error) {
	for attempt := 0; attempt < 5; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		switch e := err.(type) {
		case *sdk.APIError:
			switch e.Code {
			case sdk.CodeRateLimitExceeded:
				time.Sleep(e.RetryAfter)
				continue
			case sdk.CodeBackendError, sdk.CodeBackendTimeout:
				time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
				continue
			}
			return nil, err
		default:
			time.Sleep(time.Second)
			continue
		}
	}
	return nil, errors.New("list products: out of attempts")
}

// balanceServerErrors is correct: it retries only when the typed error's
// status is 5xx.
func balanceServerErrors(ctx context.Context, c *sdk.Client) (*sdk.Balance, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var b *sdk.Balance
		b, err = c.GetBalance(ctx)
		if err == nil {
			return b, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || apiErr.Status < 500 {
			return nil, err
		}
		time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
	}
	return nil, err
}

// getSessionNotFoundStatus retries on the typed error's status field: 404
// as well as 5xx.
func getSessionNotFoundStatus(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *sdk.Session
		s, err = c.GetSession(ctx, id)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Status == http.StatusNotFound || apiErr.Status >= 500) {
			time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return nil, err
	}
	return nil, err
}

// rotateAsserted asserts the error's type with comma-ok and retries a
// missing session.
func rotateAsserted(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		if apiErr, ok := err.(*sdk.APIError); ok && apiErr.Code == sdk.CodeSessionNotFound {
			time.Sleep(time.Second)
			continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		}
		return nil, err
	}
	return nil, err
}

// rotateAssertedUpstream is correct: the comma-ok assertion leads only the
// upstream codes to the next attempt.
func rotateAssertedUpstream(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *sdk.Session
		s, err = c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		apiErr, ok := err.(*sdk.APIError)
		if !ok || (apiErr.Code != sdk.CodeBackendError && apiErr.Code != sdk.CodeBackendTimeout) {
			return nil, err
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, err
}
