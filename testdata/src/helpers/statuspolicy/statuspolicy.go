// Package statuspolicy decides retries by the HTTP status alone, with
// plain numbers: it imports nothing, and its predicates still need facts
// for callers in other packages to see through them.
package statuspolicy

// Retryable retries rate limits and upstream failures.
func Retryable(status int) bool { // want Retryable:`^true for RATE_LIMIT_EXCEEDED, SESSION_LIMIT_REACHED, BACKEND_ERROR, BACKEND_TIMEOUT, status 429, status 502, status 504$`
	return status == 429 || status == 502 || status == 504
}

// RetryableAllButAuth retries every failure status but 401.
func RetryableAllButAuth(status int) bool { // want RetryableAllButAuth:`^true for AUTH_INSUFFICIENT_PERMISSION, RATE_LIMIT_EXCEEDED, ACCOUNT_DISABLED, INSUFFICIENT_BALANCE, SESSION_NOT_FOUND, SESSION_EXPIRED, SESSION_LIMIT_REACHED, PRODUCT_NOT_FOUND, PRODUCT_OUT_OF_STOCK, INVALID_REQUEST, IDEMPOTENCY_CONFLICT, BACKEND_ERROR, BACKEND_TIMEOUT, INTERNAL_ERROR, status 400, status 402, status 403, status 404, status 409, status 410, status 429, status 500, status 502, status 504$`
	return status >= 400 && status != 401
}
