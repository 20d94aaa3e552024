package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/classify"
	"helpers/wait"
)

// renewSelect retries what the loose predicate accepts, waiting in a
// helper that honours the context: for {} with a bound.
func renewSelect(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for attempt := 0; ; attempt++ {
		s, err := c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryableLoose(err) || attempt == 4 {
			return nil, err
		}
		if err := wait.SleepBackoffCtx(ctx, attempt); err != nil {
			return nil, err
		}
		continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
	}
}

// renewSelectRetryable is correct: the same loop asks the strict
// predicate.
func renewSelectRetryable(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for attempt := 0; ; attempt++ {
		s, err := c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) || attempt == 4 {
			return nil, err
		}
		if err := wait.SleepBackoffCtx(ctx, attempt); err != nil {
			return nil, err
		}
	}
}

// rotateTypeSwitchLoose hands the typed error to the loose predicate in a
// type switch.
func rotateTypeSwitchLoose(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if classify.IsRetryableLoose(e) {
				wait.SleepBackoff(attempt)
				continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
			}
		}
		return nil, err
	}
	return nil, errors.New("rotate: out of attempts")
}

// rotateTypeSwitchUpstream is correct: the typed error goes to the
// upstream predicate.
func rotateTypeSwitchUpstream(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.RotateSession(ctx, id)
		if err == nil {
			return s, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if classify.IsUpstream(e) {
				wait.SleepBackoff(attempt)
				continue
			}
		}
		return nil, err
	}
	return nil, errors.New("rotate: out of attempts")
}

// doUntilOK repeats the request until a 200, whatever the status, with a
// helper's pause: for {} with break.
func doUntilOK(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for {
		resp, err := c.Do(req) // want `retry of 400, which is never retryable: fix the request and return the error`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait.Pause()
	}
	return nil
}

// doUntilOKServerOnly is correct: a 4xx returns; the rest repeats.
func doUntilOKServerOnly(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if resp.StatusCode < 500 {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait.SleepBackoff(3)
	}
	return nil
}
