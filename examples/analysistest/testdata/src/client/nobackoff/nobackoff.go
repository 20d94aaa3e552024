// Package nobackoff is checked with the backoff rule left out
// (Config{Rules: []string{"-backoff"}}): its constant-delay retry of a 502
// is not reported, while its retry of a 429 still is.
package nobackoff

import (
	"errors"
	"net/http"
	"time"
)

// Poll retries a 502 and a 429 with a constant delay.
func Poll(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusBadGateway:
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // the backoff rule is off
		case http.StatusTooManyRequests:
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After`
		}
		return resp, nil
	}
	return nil, errors.New("too many attempts")
}
