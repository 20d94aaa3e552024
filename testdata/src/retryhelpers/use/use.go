package use

import (
	"net/http"

	"errors"
	"retryhelpers/lib"
)

// local retries op at once, with no delay, on every error.
func local(op func() error) error {
	for {
		if err := op(); err == nil {
			return nil
		}
	}
}

// a hands every failing status to WithRetry, which retries it after a
// fixed second.
func a(u string) error {
	return lib.WithRetry(3, func() error {
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return &lib.APIError{Status: resp.StatusCode} // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return nil
	})
}

// b is silent: Backoff retries only the upstream codes, exponentially,
// and its answer for the other failures cannot be told from statuses.
func b(u string) error {
	return lib.Backoff(func() error {
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode == 502 {
			return &lib.APIError{Code: "BACKEND_ERROR", Status: 502}
		}
		if resp.StatusCode != 200 {
			return errors.New("x")
		}
		return nil
	})
}

// c retries a 402 through a local helper.
func c(u string) error {
	return local(func() error {
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode == 402 {
			return errors.New("pay") // want `retry of 402, which is never retryable: recharge the balance and return the error`
		}
		return nil
	})
}
