package shapes

import (
	"errors"
	"net/http"
	"time"
)

// isRetryable is the package's retry decision: it says yes to a 404 as
// well as to the server errors.
func isRetryable(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusNotFound, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true // the deciding line for 404
	}
	return false
}

// getThroughDecision retries what isRetryable says: the finding stays at
// the loop's continue, and Related names isRetryable's deciding return.
func getThroughDecision(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if isRetryable(resp) {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// isServerError says yes to 5xx only.
func isServerError(resp *http.Response) bool {
	return resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented
}

// getThroughServerDecision retries only what isServerError says, with
// exponential backoff. Silent.
func getThroughServerDecision(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if isServerError(resp) {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
