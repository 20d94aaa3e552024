// Package classify holds the retry decisions of a client of the
// proxy-session API, as predicates over a failure: its error, its
// response, its status or its code. The want comments are the scenarios
// under which each predicate returns true, as exported in its fact.
package classify

import (
	"errors"
	"net/http"
	"strings"

	"helpers/apierr"
)

// IsRetryable reports whether a failure is worth another attempt: a
// transport error, a rate limit or an upstream failure.
func IsRetryable(err error) bool { // want IsRetryable:`^true for RATE_LIMIT_EXCEEDED, BACKEND_ERROR, BACKEND_TIMEOUT, transport error$`
	var e *apierr.APIError
	if !errors.As(err, &e) {
		return true
	}
	switch e.Code {
	case "RATE_LIMIT_EXCEEDED", "BACKEND_ERROR", "BACKEND_TIMEOUT":
		return true
	}
	return false
}

// IsRetryableAPIError is IsRetryable for API errors only: a transport
// error is not retried.
func IsRetryableAPIError(err error) bool { // want IsRetryableAPIError:`^true for RATE_LIMIT_EXCEEDED, BACKEND_ERROR, BACKEND_TIMEOUT$`
	var e *apierr.APIError
	if errors.As(err, &e) {
		return e.Code == "RATE_LIMIT_EXCEEDED" || e.Code == "BACKEND_ERROR" || e.Code == "BACKEND_TIMEOUT"
	}
	return false
}

// IsRetryableLoose retries everything but a low balance.
func IsRetryableLoose(err error) bool { // want IsRetryableLoose:`^true for AUTH_INVALID_KEY, AUTH_EXPIRED_TOKEN, AUTH_INSUFFICIENT_PERMISSION, RATE_LIMIT_EXCEEDED, ACCOUNT_DISABLED, SESSION_NOT_FOUND, SESSION_EXPIRED, SESSION_LIMIT_REACHED, PRODUCT_NOT_FOUND, PRODUCT_OUT_OF_STOCK, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, transport error$`
	return !errors.Is(err, apierr.ErrNoFunds)
}

// IsTransient asks the API error itself, through its Temporary method.
func IsTransient(err error) bool { // want IsTransient:`^true for BACKEND_ERROR, BACKEND_TIMEOUT$`
	var e *apierr.APIError
	if errors.As(err, &e) {
		return e.Temporary()
	}
	return false
}

// IsRateLimited reports a rate limit, through the sentinel.
func IsRateLimited(err error) bool { // want IsRateLimited:`^true for RATE_LIMIT_EXCEEDED$`
	return errors.Is(err, apierr.ErrRateLimited)
}

// IsUpstream reports an upstream failure, through the sentinel that the
// mapping function chooses.
func IsUpstream(err error) bool { // want IsUpstream:`^true for BACKEND_ERROR, BACKEND_TIMEOUT$`
	return errors.Is(err, apierr.ErrUpstream)
}

// IsTokenExpired reports an expired token.
func IsTokenExpired(err error) bool { // want IsTokenExpired:`^true for AUTH_EXPIRED_TOKEN$`
	var e *apierr.APIError
	return errors.As(err, &e) && e.Code == "AUTH_EXPIRED_TOKEN"
}

// IsPermanent reports a failure that a retry cannot fix, by asking the
// API error.
func IsPermanent(err error) bool { // want IsPermanent:`^true for AUTH_INVALID_KEY, AUTH_INSUFFICIENT_PERMISSION, ACCOUNT_DISABLED, INSUFFICIENT_BALANCE, SESSION_NOT_FOUND, PRODUCT_NOT_FOUND, INVALID_REQUEST$`
	var e *apierr.APIError
	if errors.As(err, &e) {
		return e.Permanent()
	}
	return false
}

// ShouldRetryStatus retries rate limits and server errors.
func ShouldRetryStatus(status int) bool { // want ShouldRetryStatus:`^true for RATE_LIMIT_EXCEEDED, SESSION_LIMIT_REACHED, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, status 429, status 500, status 502, status 504$`
	return status == http.StatusTooManyRequests || status >= 500
}

// ShouldRetryStatusLoose retries every failure status but 401 and 403.
func ShouldRetryStatusLoose(statusCode int) bool { // want ShouldRetryStatusLoose:`^true for RATE_LIMIT_EXCEEDED, INSUFFICIENT_BALANCE, SESSION_NOT_FOUND, SESSION_EXPIRED, SESSION_LIMIT_REACHED, PRODUCT_NOT_FOUND, PRODUCT_OUT_OF_STOCK, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, status 400, status 402, status 404, status 409, status 410, status 429, status 500, status 502, status 504$`
	return statusCode >= 400 && statusCode != http.StatusUnauthorized && statusCode != http.StatusForbidden
}

// ShouldRetry decides on a response.
func ShouldRetry(resp *http.Response) bool { // want ShouldRetry:`^true for RATE_LIMIT_EXCEEDED, SESSION_LIMIT_REACHED, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, status 429, status 500, status 502, status 504$`
	return ShouldRetryStatus(resp.StatusCode)
}

// IsServerError reports a 5xx response.
func IsServerError(resp *http.Response) bool { // want IsServerError:`^true for BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, status 500, status 502, status 504$`
	return resp.StatusCode >= 500
}

// IsUnauthorized reports a 401 response.
func IsUnauthorized(resp *http.Response) bool { // want IsUnauthorized:`^true for AUTH_INVALID_KEY, AUTH_EXPIRED_TOKEN, status 401$`
	return resp.StatusCode == http.StatusUnauthorized
}

// RetryableCode decides on an envelope's code.
func RetryableCode(code string) bool { // want RetryableCode:`^true for RATE_LIMIT_EXCEEDED, BACKEND_ERROR, BACKEND_TIMEOUT$`
	switch code {
	case "RATE_LIMIT_EXCEEDED", "BACKEND_ERROR", "BACKEND_TIMEOUT":
		return true
	}
	return false
}

// RetryableCodeLoose retries every code but the two auth failures.
func RetryableCodeLoose(code string) bool { // want RetryableCodeLoose:`^true for AUTH_INSUFFICIENT_PERMISSION, RATE_LIMIT_EXCEEDED, ACCOUNT_DISABLED, INSUFFICIENT_BALANCE, SESSION_NOT_FOUND, SESSION_EXPIRED, SESSION_LIMIT_REACHED, PRODUCT_NOT_FOUND, PRODUCT_OUT_OF_STOCK, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR$`
	return code != "AUTH_INVALID_KEY" && code != "AUTH_EXPIRED_TOKEN"
}

// Always retries everything: it does not discriminate, so it gets no fact.
func Always(err error) bool {
	return true
}

// ByMessage reads the message, which the analysis does not resolve: no
// fact.
func ByMessage(err error) bool {
	return strings.Contains(err.Error(), "temporarily")
}

// isRetryableLocal is unexported: it never gets a fact.
func isRetryableLocal(err error) bool {
	return errors.Is(err, apierr.ErrUpstream)
}

// Retry is an exported method of an unexported type: it gets no fact.
func (p policy) Retry(err error) bool { return isRetryableLocal(err) }

type policy struct{}

// IsUpstreamTraced logs through a helper that does not look at the
// failure, once with tracing off and once on, before it asks a helper that
// does: a nested answer kept for one call of logged must not stand for the
// other (its switch differs), and isUpstreamLocal's answer differs by
// scenario, so it is never kept across scenarios.
func IsUpstreamTraced(err error) bool { // want IsUpstreamTraced:`^true for BACKEND_ERROR, BACKEND_TIMEOUT$`
	if logged(false, err) {
		return false
	}
	if !logged(true, err) {
		return false
	}
	return isUpstreamLocal(err)
}

// logged stands for a logging hook: it answers its switch.
func logged(on bool, err error) bool {
	_ = err
	return on
}

// isUpstreamLocal is IsUpstream, unexported.
func isUpstreamLocal(err error) bool {
	return errors.Is(err, apierr.ErrUpstream)
}
