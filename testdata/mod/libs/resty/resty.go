// Package resty holds clients of github.com/go-resty/resty/v2. A client
// retries only after SetRetryCount gives it a count; it then retries
// transport errors, and a response only when a retry condition
// (AddRetryCondition, or AddRetryAfterErrorCondition: every status above
// 399) returns true. It waits an exponential backoff with jitter between
// SetRetryWaitTime and SetRetryMaxWaitTime, or what a SetRetryAfter
// callback returns (zero falls back to the backoff).
package resty

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-resty/resty/v2"
)

// retryOn404 treats a missing resource as something that may appear.
func retryOn404(r *resty.Response, err error) bool {
	if err != nil {
		return true
	}
	return r.StatusCode() == http.StatusNotFound || r.StatusCode() >= 500 // want `retry of 404, which is never retryable: check the resource ID and return the error`
}

// newCatalogClient wires retryOn404 into a client with retries.
func newCatalogClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		SetRetryWaitTime(200 * time.Millisecond).
		AddRetryCondition(retryOn404)
}

// newMirrorClient wires the same condition into a second client: one
// finding per rule, inside the condition.
func newMirrorClient() *resty.Client {
	c := resty.New()
	c.SetRetryCount(5)
	c.AddRetryCondition(retryOn404)
	return c
}

// newServerErrorClient retries 5xx and 429 with resty's exponential
// backoff: 429 waits no Retry-After.
func newServerErrorClient() *resty.Client {
	return resty.New().
		SetRetryCount(4).
		SetRetryMaxWaitTime(10 * time.Second).
		AddRetryCondition(func(r *resty.Response, err error) bool {
			return err != nil || r.StatusCode() == http.StatusTooManyRequests || r.StatusCode() >= 500 // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		})
}

// newHonouringClient retries 429 and 5xx, and its SetRetryAfter callback
// waits the header, falling back to the backoff when it is missing.
// Silent.
func newHonouringClient() *resty.Client {
	return resty.New().
		SetRetryCount(4).
		AddRetryCondition(func(r *resty.Response, err error) bool {
			return err != nil || r.StatusCode() == http.StatusTooManyRequests || r.StatusCode() >= 500
		}).
		SetRetryAfter(func(_ *resty.Client, r *resty.Response) (time.Duration, error) {
			if secs, err := strconv.Atoi(r.Header().Get("Retry-After")); err == nil {
				return time.Duration(secs) * time.Second, nil
			}
			return 0, nil
		})
}

// newAnyErrorClient retries every status above 399: 400, 401 and 429
// among them.
func newAnyErrorClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		AddRetryAfterErrorCondition() // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
}

// newNoCountClient has a condition but no retry count: resty never
// retries. Silent.
func newNoCountClient() *resty.Client {
	return resty.New().AddRetryCondition(retryOn404)
}

// newZeroCountClient sets the count to zero. Silent.
func newZeroCountClient() *resty.Client {
	return resty.New().SetRetryCount(0).AddRetryAfterErrorCondition()
}

// newTransportOnlyClient retries transport errors only (no condition).
// Silent.
func newTransportOnlyClient() *resty.Client {
	return resty.New().SetRetryCount(3).SetRetryWaitTime(time.Second)
}

// serverOnly retries 502, 503 and 504. Silent with the default backoff.
func serverOnly(r *resty.Response, err error) bool {
	switch r.StatusCode() {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// newGatewayClient retries server errors with resty's backoff. Silent.
func newGatewayClient() *resty.Client {
	return resty.New().SetRetryCount(3).AddRetryCondition(serverOnly)
}

// newFixedAfterClient retries server errors, but its SetRetryAfter
// callback waits a fixed second: a constant delay.
func newFixedAfterClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		AddRetryCondition(serverOnly).
		SetRetryAfter(func(*resty.Client, *resty.Response) (time.Duration, error) { // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
			return time.Second, nil
		})
}

// successOnly retries until a 2xx, with IsSuccess: every failure status.
func successOnly(r *resty.Response, err error) bool {
	return !r.IsSuccess() // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
}

// newPollingClient wires successOnly.
func newPollingClient() *resty.Client {
	return resty.New().SetRetryCount(10).AddRetryCondition(successOnly)
}
