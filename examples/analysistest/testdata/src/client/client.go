// Package client calls an HTTP API with the retry loops that retrylint
// checks. Its want comments say which findings the test expects.
package client

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

var errAttempts = errors.New("too many attempts")

// FetchProducts retries a 429 after a fixed second: the API says to wait
// for the Retry-After value.
func FetchProducts(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
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

// FetchBalance waits for the Retry-After value before it tries again, as
// the API says: no finding.
func FetchBalance(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errAttempts
}

// Recharge retries a 402, which no retry can fix.
func Recharge(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Post(url, "application/json", nil)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 402, which is never retryable: recharge the balance and return the error`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// Poll retries a 502 with a constant delay: the API asks for a delay that
// grows exponentially.
func Poll(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 502 with a constant delay`
		}
		return resp, nil
	}
	return nil, errAttempts
}
