package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/classify"
	"helpers/statuspolicy"
	"helpers/wait"
)

// fetchLoose retries every status but 401 and 403, decided by a predicate
// on the status; the attempt is a helper that returns the response.
func fetchLoose(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.ShouldRetryStatusLoose(resp.StatusCode) {
			wait.SleepBackoff(attempt)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return fmt.Errorf("fetch: status %d", resp.StatusCode)
	}
	return errors.New("fetch: out of attempts")
}

// fetchStatusPredicate is correct: the predicate retries 429 and 5xx.
func fetchStatusPredicate(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if !classify.ShouldRetryStatus(resp.StatusCode) {
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
		wait.SleepBackoff(attempt)
	}
	return errors.New("fetch: out of attempts")
}

// doAllButAuth asks a predicate of a package that imports nothing; it
// retries every failure status but 401.
func doAllButAuth(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if !statuspolicy.RetryableAllButAuth(resp.StatusCode) {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		wait.SleepBackoff(attempt)
		continue // want `retry of 400, which is never retryable: fix the request and return the error`
	}
	return errors.New("do: out of attempts")
}

// doUpstreamOnly is correct: the import-free predicate retries 429, 502
// and 504.
func doUpstreamOnly(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if !statuspolicy.Retryable(resp.StatusCode) {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		wait.SleepBackoff(attempt)
	}
	return errors.New("do: out of attempts")
}

// doShouldRetryOr402 retries what the response predicate accepts and a 402.
func doShouldRetryOr402(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.ShouldRetry(resp) || resp.StatusCode == http.StatusPaymentRequired {
			wait.SleepBackoff(attempt)
			continue // want `retry of 402, which is never retryable: recharge the balance and return the error`
		}
		return fmt.Errorf("do: status %d", resp.StatusCode)
	}
	return errors.New("do: out of attempts")
}

// doShouldRetry is correct: the response predicate decides alone.
func doShouldRetry(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.ShouldRetry(resp) {
			wait.SleepBackoff(attempt)
			continue
		}
		return fmt.Errorf("do: status %d", resp.StatusCode)
	}
	return errors.New("do: out of attempts")
}

// reportUntilOK sends an event until the helper's status result is 200:
// the attempt hands the status back as a result, with a nil error.
func reportUntilOK(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status != http.StatusOK {
			wait.SleepBackoff(attempt)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// reportServerErrors is correct: only a 5xx status result is retried.
func reportServerErrors(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status >= 500 {
			wait.SleepBackoff(attempt)
			continue
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}
