package shapes

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// limitedResponse is a response wrapper that keeps the server's hints,
// parsed once by the function that read the headers.
type limitedResponse struct {
	status     int
	retryAfter int   // seconds, from Retry-After
	reset      int64 // Unix seconds, from X-RateLimit-Reset
}

// parseLimits reads the rate-limit headers into the wrapper.
func parseLimits(resp *http.Response) limitedResponse {
	lr := limitedResponse{status: resp.StatusCode}
	lr.retryAfter, _ = strconv.Atoi(resp.Header.Get("Retry-After"))
	lr.reset, _ = strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	return lr
}

// waitMillis takes the header's seconds for milliseconds, through a
// variable given a default.
func waitMillis(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			wait := time.Second
			if n, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
				wait = time.Duration(n) * time.Millisecond // want `Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second`
			}
			time.Sleep(wait)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// waitResetAsDuration sleeps the reset time, a Unix time, as if it were
// a number of seconds to wait.
func waitResetAsDuration(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			reset, _ := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
			time.Sleep(time.Duration(reset) * time.Second) // want `X-RateLimit-Reset is a Unix time, not a duration: wait until that time, or for Retry-After`
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// waitWrongStatus overwrites the default only for 503: a 429 sleeps the
// default.
func waitWrongStatus(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			wait := 3 * time.Second
			if resp.StatusCode == http.StatusServiceUnavailable {
				if n, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
					wait = time.Duration(n) * time.Second
				}
			}
			time.Sleep(wait)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// waitUntilReset waits until the reset time the header gives.
func waitUntilReset(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// waitWrapperField converts the wrapper's seconds with the unit, in the
// loop of another function than the one that parsed them.
func waitWrapperField(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		lr := parseLimits(resp)
		if lr.status == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(time.Duration(lr.retryAfter) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// waitDefaultThenHeader keeps a default for a 429 without the header and
// otherwise waits the header, in seconds.
func waitDefaultThenHeader(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests {
			return resp, nil
		}
		resp.Body.Close()
		delay := time.Duration(1<<attempt) * time.Second
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			if secs, err := strconv.Atoi(ra); err == nil && secs > 0 {
				delay = time.Duration(secs) * time.Second
			}
		}
		time.Sleep(delay)
	}
	return nil, errors.New("out of attempts")
}
