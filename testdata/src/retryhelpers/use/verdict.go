package use

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"retryhelpers/lib"
)

// verdictNotFound says retry on 404, and waits a fixed second on 5xx.
func verdictNotFound(ctx context.Context, c *http.Client, url string) error {
	return lib.Retrier{Max: 6}.Run(ctx, func(attempt int) (bool, time.Duration, error) {
		resp, err := c.Get(url)
		if err != nil {
			return true, time.Second << attempt, err
		}
		defer resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusNotFound:
			return true, time.Second << attempt, nil // want `retry of 404, which is never retryable: check the resource ID and return the error`
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			return true, time.Duration(secs) * time.Second, nil
		case resp.StatusCode >= 500:
			return true, 2 * time.Second, nil // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return false, 0, nil
	})
}

// verdictRight retries 429 on the header and 5xx with exponential
// backoff; everything else stops. Silent.
func verdictRight(ctx context.Context, c *http.Client, url string) error {
	r := lib.Retrier{Max: 6}
	return r.Run(ctx, func(attempt int) (bool, time.Duration, error) {
		resp, err := c.Get(url)
		if err != nil {
			return true, 100 * time.Millisecond << attempt, err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			return true, time.Duration(secs) * time.Second, nil
		}
		if resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented {
			return true, 100 * time.Millisecond << attempt, nil
		}
		return false, 0, nil
	})
}

// verdictFixedRateLimit waits a fixed pause on 429.
func verdictFixedRateLimit(ctx context.Context, c *http.Client, url string) error {
	return lib.Retrier{Max: 3}.Run(ctx, func(attempt int) (bool, time.Duration, error) {
		resp, err := c.Get(url)
		if err != nil {
			return false, 0, err
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			return true, 5 * time.Second, nil // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return false, 0, nil
	})
}

// pollUnauthorized polls until the token works: a 401 retried without a
// refresh, on Poll's own pause.
func pollUnauthorized(c *http.Client, req *http.Request) error {
	return lib.Poll(func() (bool, error) {
		resp, err := c.Do(req)
		if err != nil {
			return false, err
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusUnauthorized, nil // want `retry of 401 without refreshing the token: refresh it before the next attempt`
	})
}

// pollStops says stop on every status. Silent.
func pollStops(c *http.Client, req *http.Request) error {
	return lib.Poll(func() (bool, error) {
		resp, err := c.Do(req)
		if err != nil {
			return false, err
		}
		resp.Body.Close()
		return false, nil
	})
}

// ignored hands a callback to Ignore, which is no verdict helper: it
// calls it three times whatever it says. Silent.
func ignored(c *http.Client, req *http.Request) error {
	return lib.Ignore(func() (bool, error) {
		resp, err := c.Do(req)
		if err != nil {
			return true, err
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusNotFound, nil
	})
}
