// Package otherapi is a client of an API whose contract differs from the
// default policy's: examples/policies/other-api.yaml describes it. The
// policy example test runs retrylint on this package under that policy,
// against the want comments, and under the default policy, against the
// "default:" comments: a "default: want" comment expects a finding on the
// next line under the default policy, and a line without one expects none.
package otherapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// errAttempts is returned when every attempt failed.
var errAttempts = errors.New("too many attempts")

// Overloaded retries a 503 after a fixed second. This API rate-limits with
// 503 and Retry-After; the default policy does not know 503.
func Overloaded(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 503 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// TooMany retries a 429 after a fixed second. The default policy wants
// Retry-After; this API never sends 429, and its policy leaves 429 out.
func TooMany(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(time.Second)
			// default: want `retry of 429 without waiting for Retry-After`
			continue
		}
		return resp, nil
	}
	return nil, errAttempts
}

// Busy retries this API's 529 after a fixed second, where it asks for
// exponential backoff.
func Busy(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == 529 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 529 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// BadRequest retries a 400. Both policies call it never retryable, each
// with its own remedy.
func BadRequest(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadRequest {
			resp.Body.Close()
			time.Sleep(time.Second)
			// default: want `retry of 400, which is never retryable: fix the request and return the error`
			continue // want `retry of 400, which is never retryable: fix the request parameters and return the error`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// Unauthorized retries a 401 with the same credentials. Under the default
// policy a 401 is an expired token to refresh; this API has only API keys,
// so a 401 is never retryable.
func Unauthorized(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			// default: want `retry of 401 without refreshing the token`
			continue // want `retry of 401, which is never retryable: check the API key and return the error`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// apiError is this API's error object, which names the error in "type".
type apiError struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// errorBody is the body of a failed response.
type errorBody struct {
	Error apiError `json:"error"`
}

// Complete retries by the error's type: an overloaded_error after a fixed
// second (a finding under this policy; the default policy knows no such
// code), and a rate_limit_error after the Retry-After value (correct under
// both).
func Complete(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		var body errorBody
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch body.Error.Type {
		case "overloaded_error":
			time.Sleep(time.Second)
			continue // want `retry of overloaded_error with a constant delay: grow the delay exponentially per attempt`
		case "rate_limit_error":
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return nil, errors.New(body.Error.Type + ": " + body.Error.Message)
	}
	return nil, errAttempts
}
