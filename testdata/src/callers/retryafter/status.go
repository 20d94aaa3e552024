package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"helpers/apiclient"
	"helpers/classify"
	"helpers/wait"
)

// fetchShouldRetryBackoff retries what the response predicate accepts,
// 429 included, with an exponential delay.
func fetchShouldRetryBackoff(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.ShouldRetry(resp) {
			wait.SleepBackoff(attempt)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return fmt.Errorf("fetch: status %d", resp.StatusCode)
	}
	return errors.New("fetch: out of attempts")
}

// fetchWaitRetryAfter is correct: a 429 waits, in a helper, for the
// response's Retry-After.
func fetchWaitRetryAfter(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusOK:
			return nil
		case resp.StatusCode == http.StatusTooManyRequests:
			wait.WaitRetryAfter(resp)
		case classify.IsServerError(resp):
			wait.SleepBackoff(attempt)
		default:
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
	}
	return errors.New("fetch: out of attempts")
}

// fetchSleepsOneSecond hands a constant to a helper that waits for its
// parameter.
func fetchSleepsOneSecond(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			if err := wait.Sleep(ctx, time.Second); err != nil {
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

// fetchSleepsRetryAfter is correct: the helper that waits for its
// parameter is handed the header's value, computed by another helper.
func fetchSleepsRetryAfter(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			if err := wait.Sleep(ctx, wait.RetryAfterOr(resp)); err != nil {
				return err
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

// doConstantDelay sleeps a helper's constant delay on a 429.
func doConstantDelay(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(wait.ConstantDelay())
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// doRetryAfterHelper is correct: it sleeps what a helper reads from the
// header.
func doRetryAfterHelper(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(wait.RetryAfter(resp))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// doLinearHelper sleeps a helper's linear delay on a 429.
func doLinearHelper(c *apiclient.Client, req *http.Request) error {
	for attempt := 1; attempt <= 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(wait.Linear(attempt))
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// reportRateLimitedPause retries a 429 status result after a helper's
// fixed pause.
func reportRateLimitedPause(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status == http.StatusTooManyRequests {
			wait.Pause()
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// reportRateLimitedReturns is correct: the status result carries no
// header, so a 429 returns instead of guessing a wait.
func reportRateLimitedReturns(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
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

// doWaitIfLimited is correct: the predicate that finds a 429 also waits
// for its Retry-After before it answers.
func doWaitIfLimited(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if wait.WaitIfLimited(resp) {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}
