// Package wait holds the delays of a client of the proxy-session API:
// helpers that sleep, and helpers that return how long to sleep. Each
// expectation is the delay kind that the helper's fact exports.
package wait

import (
	"context"
	"math"
	"math/rand"
	"net/http"
	"strconv"
	"time"

	"helpers/apierr"
)

// Base is the first delay of a backoff.
const Base = 250 * time.Millisecond

// Backoff returns the delay before attempt n+1: Base doubled per attempt.
func Backoff(attempt int) time.Duration { // want Backoff:`^returns\(exponential delay\)$`
	return Base << attempt
}

// BackoffPow is Backoff written with math.Pow.
func BackoffPow(attempt int) time.Duration { // want BackoffPow:`^returns\(exponential delay\)$`
	return time.Duration(math.Pow(2, float64(attempt))) * time.Second
}

// BackoffJitter adds up to half of the exponential delay at random.
func BackoffJitter(attempt int) time.Duration { // want BackoffJitter:`^returns\(exponential delay\)$`
	d := Base << attempt
	return d + time.Duration(rand.Int63n(int64(d/2)+1))
}

// Linear returns a delay that grows by a second per attempt.
func Linear(attempt int) time.Duration { // want Linear:`^returns\(linear delay in param\)$`
	return time.Duration(attempt) * time.Second
}

// ConstantDelay is the fixed pause between attempts.
func ConstantDelay() time.Duration { // want ConstantDelay:`^returns\(constant delay\)$`
	return 2 * time.Second
}

// Interval is a fixed pause too, but its name does not say it waits, so
// its constant delay is not exported.
func Interval() time.Duration {
	return 2 * time.Second
}

// RetryAfter returns how long a 429 asks to wait.
func RetryAfter(resp *http.Response) time.Duration { // want RetryAfter:`^returns\(delay from Retry-After\)$`
	secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	return time.Duration(secs) * time.Second
}

// SleepBackoff sleeps an exponential delay.
func SleepBackoff(attempt int) { // want SleepBackoff:`^waits\(exponential delay\)$`
	time.Sleep(Backoff(attempt))
}

// SleepBackoffCtx sleeps an exponential delay or until ctx is done.
func SleepBackoffCtx(ctx context.Context, attempt int) error { // want SleepBackoffCtx:`^waits\(exponential delay\)$`
	t := time.NewTimer(Base << attempt)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// SleepLinear sleeps a delay that grows by half a second per attempt.
func SleepLinear(attempt int) { // want SleepLinear:`^waits\(linear delay\)$`
	time.Sleep(time.Duration(attempt) * 500 * time.Millisecond)
}

// Pause sleeps a fixed second.
func Pause() { // want Pause:`^waits\(constant delay\)$`
	time.Sleep(time.Second)
}

// Sleep sleeps for the duration it is given.
func Sleep(ctx context.Context, d time.Duration) error { // want Sleep:`^waits\(param 1\)$`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// RetryAfterOr returns the Retry-After of a response, or a second when
// the header is missing or malformed.
func RetryAfterOr(resp *http.Response) time.Duration { // want RetryAfterOr:`^returns\(delay from Retry-After\)$`
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	return time.Second
}

// WaitRetryAfter sleeps for the Retry-After of a response.
func WaitRetryAfter(resp *http.Response) { // want WaitRetryAfter:`^waits\(delay from Retry-After\)$`
	time.Sleep(RetryAfter(resp))
}

// WaitFor sleeps for the Retry-After an API error carries.
func WaitFor(e *apierr.APIError) { // want WaitFor:`^waits\(delay from Retry-After\)$`
	time.Sleep(e.RetryAfter)
}

// WaitWith sleeps for whatever the function it is given returns: the
// growth of that wait is unknown.
func WaitWith(next func() time.Duration) { // want WaitWith:`^waits\(unknown delay\)$`
	time.Sleep(next())
}

// WaitIfLimited waits out a 429 and reports whether it did: a predicate
// on the response that also waits for the Retry-After.
func WaitIfLimited(resp *http.Response) bool { // want WaitIfLimited:`^waits\(delay from Retry-After\) true for RATE_LIMIT_EXCEEDED, SESSION_LIMIT_REACHED, status 429$`
	if resp.StatusCode != http.StatusTooManyRequests {
		return false
	}
	time.Sleep(RetryAfterOr(resp))
	return true
}

// WaitRateLimitReset sleeps until the rate-limit window resets, which is
// not the Retry-After the API asks for.
func WaitRateLimitReset(resp *http.Response) { // want WaitRateLimitReset:`^waits\(delay from Retry-After\)$`
	reset, _ := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	time.Sleep(time.Until(time.Unix(reset, 0)))
}
