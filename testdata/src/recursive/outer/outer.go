// Package outer holds helpers that call the summaries of package inner
// and call each other, and one that inner calls back through a function
// value.
package outer

import (
	"context"
	"errors"
	"net/http"
	"time"

	"recursive/inner"
)

func init() { inner.Hook = Hooked }

// IsRetryable asks inner's predicate and then isLimited, which calls
// IsRetryable again on the wrapped error.
func IsRetryable(err error) bool { // want IsRetryable:`^true for RATE_LIMIT_EXCEEDED, BACKEND_ERROR, BACKEND_TIMEOUT$`
	if inner.Retryable(err) {
		return true
	}
	return isLimited(err)
}

func isLimited(err error) bool {
	if errors.Is(err, inner.ErrLimited) {
		return true
	}
	if u := errors.Unwrap(err); u != nil {
		return IsRetryable(u)
	}
	return false
}

// Hooked gets no fact: it asks inner.Hooked, which calls back here
// through inner.Hook.
func Hooked(err error) bool {
	return inner.Hooked(err) || IsRetryable(err)
}

// ShouldRetry asks inner's pair of predicates that call each other. It
// gets no fact: it is false for INVALID_REQUEST and transport errors, and
// unknown for a rate limit, as GiveUp has no summary (at run time it is
// false for every failure).
func ShouldRetry(err error) bool {
	return inner.ShouldRetry(err) && !inner.GiveUp(err)
}

// Wait sleeps through inner's delay helper, and through waitMore, which
// calls Wait again, for large attempts.
func Wait(attempt int) { // want Wait:`^waits\(exponential delay\)$`
	if attempt > 5 {
		waitMore(attempt)
		return
	}
	inner.SleepBackoff(attempt)
}

func waitMore(attempt int) { Wait(attempt - 1) }

// Delay returns inner's delay, and calls itself through delayCapped for
// large attempts.
func Delay(attempt int) time.Duration { // want Delay:`^returns\(exponential delay\)$`
	if attempt > 8 {
		return delayCapped(attempt)
	}
	return inner.Backoff(attempt)
}

func delayCapped(attempt int) time.Duration { return Delay(attempt - 1) }

// Fetch gets a URL through inner's attempt maker.
func Fetch(ctx context.Context, c *http.Client, url string) (*http.Response, error) { // want Fetch:`^attempt\(response\)$`
	return inner.Get(ctx, c, url, 3)
}

// Renew refreshes through inner and calls itself when that fails.
func Renew(ctx context.Context, c *http.Client, base string, tries int) error { // want Renew:`^refresh$`
	if err := inner.Refresh(ctx, c, base); err != nil && tries > 0 {
		return Renew(ctx, c, base, tries-1)
	}
	return nil
}
