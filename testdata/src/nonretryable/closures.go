package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// streamRetrier decides and waits between attempts; which implementation runs
// is not known here.
type streamRetrier interface {
	Before(ctx context.Context) error
	IsNextRetry(resp *http.Response) bool
}

// streamDecidedInClosure is silent: whether to retry is decided inside an
// immediately called function literal that reads the response, so every
// failure's outcome is unknown, not a retry.
func streamDecidedInClosure(ctx context.Context, c *http.Client, req *http.Request, r streamRetrier) (io.ReadCloser, error) {
	for {
		if err := r.Before(ctx); err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp.Body, nil
		}
		done, err := func() (bool, error) {
			defer resp.Body.Close()
			if r.IsNextRetry(resp) {
				return false, nil
			}
			return true, fmt.Errorf("status %d", resp.StatusCode)
		}()
		if done {
			return nil, err
		}
	}
}

// streamStatusClosure retries a 400 when a closure that does not read the
// failure says so; the closure's answer forks, and the 400 path retries.
func streamStatusClosure(c *http.Client, req *http.Request, again func() bool) error {
	for {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadRequest && func() bool { return again() }() {
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		return nil
	}
}
