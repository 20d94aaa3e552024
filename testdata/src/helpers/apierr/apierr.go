// Package apierr is the error side of a client of the proxy-session API:
// the typed error that carries the API's code, its HTTP status and the
// Retry-After of a 429, the sentinels callers test with errors.Is, and the
// mapping function that chooses a sentinel for a code. It sends nothing.
package apierr

import (
	"errors"
	"fmt"
	"time"
)

// APIError is the error a client returns when the API answers with a
// failure envelope.
type APIError struct { // want APIError:`^Permanent: true for AUTH_INVALID_KEY, AUTH_INSUFFICIENT_PERMISSION, ACCOUNT_DISABLED, INSUFFICIENT_BALANCE, SESSION_NOT_FOUND, PRODUCT_NOT_FOUND, INVALID_REQUEST; ServerSide: [^;]*status 502[^;]*; Temporary: true for BACKEND_ERROR, BACKEND_TIMEOUT$`
	Code       string
	Status     int
	Message    string
	RequestID  string
	RetryAfter time.Duration // from the Retry-After header of a 429
}

// Error implements error.
func (e *APIError) Error() string {
	return fmt.Sprintf("api: %s (%d): %s [%s]", e.Code, e.Status, e.Message, e.RequestID)
}

// Unwrap makes errors.Is(err, ErrRateLimited) and the like work: the error
// wraps the sentinel its code maps to.
func (e *APIError) Unwrap() error { return FromCode(e.Code) }

// Temporary reports whether the failure may go away by itself: the
// upstream codes.
func (e *APIError) Temporary() bool {
	switch e.Code {
	case "BACKEND_ERROR", "BACKEND_TIMEOUT":
		return true
	}
	return false
}

// Permanent reports whether the failure is one a retry cannot fix.
func (e *APIError) Permanent() bool {
	switch e.Code {
	case "AUTH_INVALID_KEY", "AUTH_INSUFFICIENT_PERMISSION", "ACCOUNT_DISABLED",
		"INSUFFICIENT_BALANCE", "SESSION_NOT_FOUND", "PRODUCT_NOT_FOUND", "INVALID_REQUEST":
		return true
	}
	return false
}

// ServerSide reports whether the server answered with a 5xx status.
func (e *APIError) ServerSide() bool {
	return e.Status >= 500
}

// Sentinels learnt from their initializers.
var (
	ErrRateLimited  = errors.New("RATE_LIMIT_EXCEEDED")                    // want ErrRateLimited:`^sentinel\(RATE_LIMIT_EXCEEDED\)$`
	ErrNoFunds      = &APIError{Code: "INSUFFICIENT_BALANCE", Status: 402} // want ErrNoFunds:`^sentinel\(INSUFFICIENT_BALANCE\)$`
	ErrTokenExpired = errors.New("AUTH_EXPIRED_TOKEN")                     // want ErrTokenExpired:`^sentinel\(AUTH_EXPIRED_TOKEN\)$`
)

// Sentinels chosen by FromCode.
var (
	ErrNotFound   = errors.New("not found")         // want ErrNotFound:`^sentinel\(PRODUCT_NOT_FOUND, SESSION_NOT_FOUND\)$`
	ErrUpstream   = errors.New("upstream failure")  // want ErrUpstream:`^sentinel\(BACKEND_ERROR, BACKEND_TIMEOUT\)$`
	ErrBadKey     = errors.New("bad credentials")   // want ErrBadKey:`^sentinel\(ACCOUNT_DISABLED, AUTH_INSUFFICIENT_PERMISSION, AUTH_INVALID_KEY\)$`
	ErrBadRequest = errors.New("invalid request")   // want ErrBadRequest:`^sentinel\(INVALID_REQUEST\)$`
	ErrOther      = errors.New("other api failure") // want ErrOther:`^sentinel\(IDEMPOTENCY_CONFLICT, INTERNAL_ERROR, PRODUCT_OUT_OF_STOCK, SESSION_LIMIT_REACHED\)$`
)

// errUnexported is never exported as a fact.
var errUnexported = errors.New("SESSION_EXPIRED")

// FromCode maps an API code to the sentinel the client's errors wrap.
func FromCode(code string) error {
	switch code {
	case "RATE_LIMIT_EXCEEDED":
		return ErrRateLimited
	case "AUTH_EXPIRED_TOKEN":
		return ErrTokenExpired
	case "INSUFFICIENT_BALANCE":
		return ErrNoFunds
	case "SESSION_NOT_FOUND", "PRODUCT_NOT_FOUND":
		return ErrNotFound
	case "BACKEND_ERROR", "BACKEND_TIMEOUT":
		return ErrUpstream
	case "AUTH_INVALID_KEY", "AUTH_INSUFFICIENT_PERMISSION", "ACCOUNT_DISABLED":
		return ErrBadKey
	case "INVALID_REQUEST":
		return ErrBadRequest
	case "SESSION_EXPIRED":
		return errUnexported
	}
	return ErrOther
}
