// Package client is a small client of the proxy-session API whose retry
// loops have bugs of several retrylint rules. The plugin tests run
// retrylint on it under golangci-lint and standalone and compare the
// findings; each expected finding has a want comment, as analysistest
// reads them.
package client

import (
	"errors"
	"net/http"
	"time"
)

// errAttempts is returned when every attempt failed.
var errAttempts = errors.New("too many attempts")

// GetRateLimited retries a 429 after a fixed second instead of the
// Retry-After value.
func GetRateLimited(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetUpstream retries a 502 with a constant delay.
func GetUpstream(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(500 * time.Millisecond)
			continue // want `retry of 502 with a constant delay`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// Charge retries a 402, which no retry can fix.
func Charge(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 402, which is never retryable`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetWithToken retries a 401 with the same token.
func GetWithToken(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			continue // want `retry of 401 without refreshing the token`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetBackingOff retries a 502 with a delay that doubles per attempt, as the
// API documents: no finding.
func GetBackingOff(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue
		}
		return resp, nil
	}
	return nil, errAttempts
}
