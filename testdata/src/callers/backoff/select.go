package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/classify"
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
		if classify.IsServerError(resp) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait.ConstantDelay()):
			}
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("fetch: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("fetch: out of attempts")
}

// fetchSelectBackoff is correct: the select waits for a helper's
// exponential delay.
func fetchSelectBackoff(ctx context.Context, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := apiclient.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if classify.IsServerError(resp) {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait.Backoff(attempt)):
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

// listTimerConstant resets one timer to a helper's constant delay every
// time.
func listTimerConstant(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	timer := time.NewTimer(0)
	<-timer.C
	for attempt := 0; attempt < 4; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		if !errors.Is(err, apierr.ErrUpstream) {
			return nil, err
		}
		timer.Reset(wait.ConstantDelay())
		<-timer.C
		continue // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
	}
	return nil, errors.New("list products: out of attempts")
}

// listTimerBackoff is correct: the timer is reset to a helper's
// exponential delay.
func listTimerBackoff(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	timer := time.NewTimer(0)
	<-timer.C
	for attempt := 0; attempt < 4; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		if !errors.Is(err, apierr.ErrUpstream) {
			return nil, err
		}
		timer.Reset(wait.Backoff(attempt))
		<-timer.C
	}
	return nil, errors.New("list products: out of attempts")
}

// doUntilOK repeats the request until a 200 at a helper's fixed pace:
// for {} with break.
func doUntilOK(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for {
		resp, err := c.Do(req) // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
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

// doUntilOKBackoff is correct: the same loop with a helper's exponential
// delay.
func doUntilOKBackoff(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for attempt := 0; ; attempt++ {
		resp, err := c.Do(req)
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
		wait.SleepBackoff(attempt)
	}
	return nil
}
