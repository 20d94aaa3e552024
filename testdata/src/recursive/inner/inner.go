// Package inner holds helpers that call themselves and each other: a
// predicate that walks an error chain by calling itself, a pair of
// predicates that call each other, delay helpers and refreshers that call
// each other, an attempt maker that follows redirects through a helper
// that calls it back, and a mapping function that calls itself. Summaries
// must come out sound or not at all, and must not loop.
package inner

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// APIError carries the API's code.
type APIError struct {
	Code   string
	Status int
}

// Error implements error.
func (e *APIError) Error() string { return e.Code }

// Retryable walks the error chain: it calls itself on the wrapped error
// and, through anyRetryable, on each error of a join.
func Retryable(err error) bool { // want Retryable:`^true for BACKEND_ERROR, BACKEND_TIMEOUT$`
	switch e := err.(type) {
	case nil:
		return false
	case *APIError:
		return e.Code == "BACKEND_ERROR" || e.Code == "BACKEND_TIMEOUT"
	case interface{ Unwrap() []error }:
		return anyRetryable(e.Unwrap())
	}
	return Retryable(errors.Unwrap(err))
}

// anyRetryable is unexported: it gets no fact.
func anyRetryable(errs []error) bool {
	for _, err := range errs {
		if Retryable(err) {
			return true
		}
	}
	return false
}

// ShouldRetry and GiveUp call each other.
func ShouldRetry(err error) bool { // want ShouldRetry:`^true for RATE_LIMIT_EXCEEDED$`
	var e *APIError
	if errors.As(err, &e) && e.Code == "RATE_LIMIT_EXCEEDED" {
		return true
	}
	return !GiveUp(err)
}

// GiveUp is the other half of ShouldRetry. It gets no fact: it is true
// for INVALID_REQUEST and transport errors, and for the other codes its
// answer hangs on the call back into ShouldRetry, which the summary does
// not follow, so it never answers false.
func GiveUp(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return true
	}
	if e.Code == "INVALID_REQUEST" {
		return true
	}
	return !ShouldRetry(errors.Unwrap(err))
}

// Backoff and capped call each other.
func Backoff(attempt int) time.Duration { // want Backoff:`^returns\(exponential delay\)$`
	if attempt > 10 {
		return capped(attempt)
	}
	return 100 * time.Millisecond << attempt
}

func capped(attempt int) time.Duration {
	return Backoff(attempt - 1)
}

// SleepBackoff calls itself for large attempts.
func SleepBackoff(attempt int) { // want SleepBackoff:`^waits\(exponential delay\)$`
	if attempt > 10 {
		SleepBackoff(10)
		return
	}
	time.Sleep(Backoff(attempt))
}

// Refresh falls back to Login on a 401, and Login to Refresh.
func Refresh(ctx context.Context, c *http.Client, base string) error { // want Refresh:`^refresh$`
	resp, err := c.Post(base+"/v1/auth/refresh", "application/json", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return Login(ctx, c, base, false)
	}
	return nil
}

// Login is the other half of Refresh.
func Login(ctx context.Context, c *http.Client, base string, again bool) error { // want Login:`^refresh$`
	resp, err := c.Post(base+"/v1/auth/token", "application/json", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && again {
		return Refresh(ctx, c, base)
	}
	return nil
}

// Get follows a redirect through follow, which calls Get again.
func Get(ctx context.Context, c *http.Client, url string, hops int) (*http.Response, error) { // want Get:`^attempt\(response\)$`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusTemporaryRedirect && hops > 0 {
		return follow(ctx, c, resp, hops-1)
	}
	return resp, nil
}

func follow(ctx context.Context, c *http.Client, resp *http.Response, hops int) (*http.Response, error) {
	resp.Body.Close()
	return Get(ctx, c, resp.Header.Get("Location"), hops)
}

// Call gets a path through Get and turns a failure status into an
// *APIError.
func Call(ctx context.Context, c *http.Client, url string) error { // want Call:`^attempt\(api errors\)$`
	resp, err := Get(ctx, c, url, 3)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return err
		}
		return &APIError{Code: env.Error.Code, Status: resp.StatusCode}
	}
	return nil
}

// ErrLimited is chosen by FromCode, which calls itself on prefixed codes.
var ErrLimited = errors.New("limited") // want ErrLimited:`^sentinel\(RATE_LIMIT_EXCEEDED\)$`

// FromCode maps a code to a sentinel; a code with a vendor prefix is
// mapped again without it.
func FromCode(code string) error {
	if code == "RATE_LIMIT_EXCEEDED" {
		return ErrLimited
	}
	if rest, ok := strings.CutPrefix(code, "X_"); ok {
		return FromCode(rest)
	}
	return nil
}

// Hook is set by another package: a call through it is not followed.
var Hook func(error) bool

// Hooked gets no fact: it asks the hook, which another package points
// back at its own predicate that calls this one.
func Hooked(err error) bool {
	if Hook != nil {
		return Hook(err)
	}
	return Retryable(err)
}
