package shapes

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// shouldRetry is a decision that takes an expired token for transient.
func shouldRetry(resp *http.Response) bool {
	if resp.StatusCode == http.StatusUnauthorized {
		return true // the deciding line for 401
	}
	return resp.StatusCode >= 500
}

// getThroughShouldRetry retries what shouldRetry says: the finding is at
// the continue, with Related at shouldRetry's return.
func getThroughShouldRetry(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if shouldRetry(resp) {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// retryDelay is the package's delay helper: a fixed pause for anything.
func retryDelay(resp *http.Response) time.Duration {
	return 2 * time.Second
}

// getThroughDelayHelper backs off with what retryDelay gives: constant.
func getThroughDelayHelper(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(retryDelay(resp))
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// headerDelayMillis is a delay helper that reads the header in the
// wrong unit: the finding is at its conversion.
func headerDelayMillis(resp *http.Response) time.Duration {
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil {
		return time.Second
	}
	return time.Duration(secs) * time.Millisecond // want `Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second`
}

// getThroughMillisHelper waits what headerDelayMillis gives.
func getThroughMillisHelper(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(headerDelayMillis(resp))
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// headerDelay reads the header in seconds.
func headerDelay(resp *http.Response) time.Duration {
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		return time.Duration(secs) * time.Second
	}
	return time.Second
}

// getThroughHeaderHelper waits what headerDelay gives on a 429.
func getThroughHeaderHelper(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(headerDelay(resp))
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// growingDelay doubles with the attempt.
func growingDelay(attempt int) time.Duration {
	return 100 * time.Millisecond << attempt
}

// getThroughGrowingHelper backs off with growingDelay.
func getThroughGrowingHelper(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(growingDelay(attempt))
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// permanent is a decision that says no to every 4xx.
func permanent(resp *http.Response) bool {
	return resp.StatusCode >= 400 && resp.StatusCode < 500
}

// getThroughPermanent gives up on what permanent says and backs off on
// the rest.
func getThroughPermanent(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 400 {
			return resp, nil
		}
		resp.Body.Close()
		if permanent(resp) {
			return nil, errors.New(resp.Status)
		}
		time.Sleep(time.Second << attempt)
	}
	return nil, errors.New("out of attempts")
}
