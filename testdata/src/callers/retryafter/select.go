package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/statuspolicy"
	"helpers/wait"
)

// fetchSelectConstant waits a helper's constant delay in a select with the
// context.
func fetchSelectConstant(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait.ConstantDelay()):
			}
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("fetch: out of attempts")
}

// fetchSelectRetryAfter is correct: the select waits for what a helper
// reads from the header.
func fetchSelectRetryAfter(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait.RetryAfterOr(resp)):
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("fetch: out of attempts")
}

// fetchSleepBackoffParam hands an exponential delay to the helper that
// waits for its parameter.
func fetchSleepBackoffParam(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			if err := wait.Sleep(ctx, wait.Backoff(attempt)); err != nil {
				return err
			}
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("fetch: out of attempts")
}

// createSleepErrorField is correct: the helper that waits for its
// parameter is handed the error's Retry-After.
func createSleepErrorField(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var e *apierr.APIError
		if errors.As(err, &e) && errors.Is(err, apierr.ErrRateLimited) {
			if err := wait.Sleep(ctx, e.RetryAfter); err != nil {
				return nil, err
			}
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: rate limited")
}

// doStatusPolicyBackoff asks a predicate of a package that imports
// nothing, which accepts 429, and backs off exponentially.
func doStatusPolicyBackoff(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if statuspolicy.Retryable(resp.StatusCode) {
			wait.SleepBackoff(attempt)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return fmt.Errorf("do: status %d", resp.StatusCode)
	}
	return errors.New("do: out of attempts")
}
