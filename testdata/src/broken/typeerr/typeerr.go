// Package typeerr does not type-check: undefined names and mismatched
// types sit inside retry loops, predicates, sentinels, delay helpers and
// helpers that call each other. The analysis must end without a panic,
// whether the driver skips the package or runs despite the errors.
package typeerr

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// APIError carries the API's code.
type APIError struct {
	Code   string
	Status int
}

// Error implements error.
func (e *APIError) Error() string { return e.Code }

// ErrRateLimited is a sentinel learnt from its initializer.
var ErrRateLimited = errors.New("RATE_LIMIT_EXCEEDED")

// ErrBroken is initialized by a function that does not exist.
var ErrBroken = newAPIError("BACKEND_ERROR")

// IsRetryable is well-typed.
func IsRetryable(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Code == "BACKEND_ERROR" || e.Code == "BACKEND_TIMEOUT")
}

// IsBroken compares with an undefined constant.
func IsBroken(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == CodeBackendError
}

// IsMistyped compares the code with a number.
func IsMistyped(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == 502
}

// Backoff returns a string where a Duration is declared.
func Backoff(attempt int) time.Duration {
	return "1s" << attempt
}

// SleepBackoff sleeps through an undefined helper.
func SleepBackoff(attempt int) {
	time.Sleep(backoffOf(attempt))
}

// Ping and Pong call each other through an undefined name.
func Ping(err error) bool { return !Pong(err) || undefinedPredicate(err) }

// Pong is the other half of Ping.
func Pong(err error) bool { return Ping(errors.Unwrap(err)) }

// Get sends the request with a client of an undefined type.
func Get(ctx context.Context, c *Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// Fetch is well-typed.
func Fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// retryUndefined retries through an undefined client and predicate.
func retryUndefined(ctx context.Context, c *Client) error {
	for attempt := 0; attempt < 5; attempt++ {
		err := c.CreateSession(ctx)
		if err == nil {
			return nil
		}
		if !isTransient(err) {
			return err
		}
		time.Sleep(backoffOf(attempt))
	}
	return errors.New("out of attempts")
}

// retryMistyped retries with mismatched types: a status compared with a
// string, a sleep of a string.
func retryMistyped(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == "429" {
			time.Sleep("1s")
			continue
		}
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		goto missing
	}
	return errors.New("out of attempts")
}

// retryRecursive calls itself with the wrong number of arguments.
func retryRecursive(ctx context.Context, url string, attempt int) error {
	resp, err := Fetch(ctx, url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		time.Sleep(Backoff(attempt))
		return retryRecursive(ctx, attempt+1)
	}
	return nil
}
