package lib

import (
	"errors"
	"time"
)

type APIError struct {
	Code   string
	Status int
}

func (e *APIError) Error() string { return e.Code }

// WithRetry retries op on every error with a fixed second.
func WithRetry(attempts int, op func() error) error { // want WithRetry:`^retries\(param 1\)$`
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Backoff retries only upstream failures, doubling the delay.
func Backoff(op func() error) error { // want Backoff:`^retries\(param 0\)$`
	delay := 100 * time.Millisecond
	for i := 0; i < 5; i++ {
		err := op()
		var e *APIError
		if err == nil || !errors.As(err, &e) || (e.Code != "BACKEND_ERROR" && e.Code != "BACKEND_TIMEOUT") {
			return err
		}
		time.Sleep(delay)
		delay *= 2
	}
	return errors.New("gave up")
}
