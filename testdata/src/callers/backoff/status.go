package backoff

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

// fetchNoDelay retries what the response predicate accepts at once.
func fetchNoDelay(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.IsServerError(resp) {
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("fetch: status %d", resp.StatusCode)
	}
	return errors.New("fetch: out of attempts")
}

// fetchBackoffCtx is correct: a helper sleeps an exponential delay or
// until the context is done.
func fetchBackoffCtx(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if classify.IsServerError(resp) {
			if err := wait.SleepBackoffCtx(ctx, attempt); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("fetch: status %d", resp.StatusCode)
	}
	return errors.New("fetch: out of attempts")
}

// doSleepConstantParam hands a constant to the helper that waits for its
// parameter.
func doSleepConstantParam(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			if err := wait.Sleep(ctx, 2*time.Second); err != nil {
				return err
			}
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// doSleepDoublingParam is correct: the helper waits for a delay the loop
// doubles.
func doSleepDoublingParam(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	delay := 100 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			if err := wait.Sleep(ctx, delay); err != nil {
				return err
			}
			delay *= 2
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// doSleepBackoffParam is correct: the helper waits for the exponential
// delay another helper returns.
func doSleepBackoffParam(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if classify.ShouldRetry(resp) {
			if err := wait.Sleep(ctx, wait.Backoff(attempt)); err != nil {
				return err
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// doGatewayTimeoutLinear retries a 504 after the linear delay a helper
// returns.
func doGatewayTimeoutLinear(c *apiclient.Client, req *http.Request) error {
	for attempt := 1; attempt <= 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(wait.Linear(attempt))
			continue // want `retry of 504 with a linear delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}

// reportServerPause retries a 5xx status result after a fixed pause.
func reportServerPause(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status >= 500 {
			wait.Pause()
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// reportServerBackoff is correct: a 5xx status result backs off.
func reportServerBackoff(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
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

// reportInternalPause is correct for this rule: it retries only a 500,
// which is not an upstream failure, at a fixed pace.
func reportInternalPause(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status == http.StatusInternalServerError {
			wait.Pause()
			continue
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// doWaitWith is correct as far as the analysis can tell: the helper
// waits for what a function value returns, whose growth is unknown.
func doWaitWith(c *apiclient.Client, req *http.Request, next func() time.Duration) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			wait.WaitWith(next)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: out of attempts")
}
