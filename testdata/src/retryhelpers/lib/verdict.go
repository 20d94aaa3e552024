package lib

import (
	"context"
	"time"
)

// Retrier is a policy value: its Run calls the callback again while the
// callback says retry, waiting the wait it returns.
type Retrier struct { // want Retrier:`^Run: retries\(param 1, verdict 0\)$`
	Max int
}

// Run honours the callback's verdict and wait.
func (r Retrier) Run(ctx context.Context, fn func(attempt int) (retry bool, wait time.Duration, err error)) error {
	var err error
	for attempt := 0; attempt < r.Max; attempt++ {
		var retry bool
		var wait time.Duration
		retry, wait, err = fn(attempt)
		if !retry {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	return err
}

// Poll calls the callback again while it says retry, on its own fixed
// pause: the callback returns no wait.
func Poll(fn func() (bool, error)) error { // want Poll:`^retries\(param 0, verdict 0\)$`
	for i := 0; i < 10; i++ {
		again, err := fn()
		if !again {
			return err
		}
		time.Sleep(time.Second)
	}
	return nil
}

// Ignore calls the callback a fixed number of times whatever it says: its
// bool is no verdict, and it is no verdict helper.
func Ignore(fn func() (bool, error)) error {
	var err error
	for i := 0; i < 3; i++ {
		_, err = fn()
	}
	return err
}
