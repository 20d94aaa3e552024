// Package use retries the SDK's calls, reading the status from its error
// types' Code fields.
package use

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"statusfield/sdk"
)

// fetchGone retries 404 with the server errors.
func fetchGone(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.Get(ctx, path)
		var e *sdk.Error
		if errors.As(err, &e) && (e.Code == http.StatusNotFound || e.Code >= 500) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return b, err
	}
	return nil, errors.New("out of attempts")
}

// fetchAsserted asserts the type and retries 429 after a fixed pause.
func fetchAsserted(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.Get(ctx, path)
		if e, ok := err.(*sdk.Error); ok && e.Code == http.StatusTooManyRequests {
			time.Sleep(2 * time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return b, err
	}
	return nil, errors.New("out of attempts")
}

// deleteFlat retries 400 and 502 from the assigned field after a fixed
// pause.
func deleteFlat(ctx context.Context, c *sdk.Client, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := c.Delete(ctx, path)
		var he *sdk.HTTPError
		if errors.As(err, &he) && (he.Code == http.StatusBadRequest || he.Code == http.StatusBadGateway) {
			time.Sleep(time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return err
	}
	return errors.New("out of attempts")
}

// fetchSwitch switches on the code and retries 401 with 503.
func fetchSwitch(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 3; attempt++ {
		b, err := c.Get(ctx, path)
		var e *sdk.Error
		if !errors.As(err, &e) {
			return b, err
		}
		switch e.Code {
		case http.StatusUnauthorized, http.StatusServiceUnavailable:
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// fetchServerErrors backs off on the server errors only.
func fetchServerErrors(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.Get(ctx, path)
		var e *sdk.Error
		if errors.As(err, &e) && e.Code >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return b, err
	}
	return nil, errors.New("out of attempts")
}

// fetchHeaderWait waits the Retry-After the error carries on 429.
func fetchHeaderWait(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.Get(ctx, path)
		var e *sdk.Error
		if errors.As(err, &e) && e.Code == http.StatusTooManyRequests {
			secs, perr := strconv.Atoi(e.Header.Get("Retry-After"))
			if perr != nil {
				return nil, err
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return b, err
	}
	return nil, errors.New("out of attempts")
}

// fetchNotFoundExits gives up on 404 and backs off on the rest.
func fetchNotFoundExits(ctx context.Context, c *sdk.Client, path string) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.Get(ctx, path)
		if err == nil {
			return b, nil
		}
		var e *sdk.Error
		if errors.As(err, &e) && e.Code < 500 {
			return nil, err
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, errors.New("out of attempts")
}

// postAppCode retries on the API's own numbers, which are not statuses:
// nothing is known of them.
func postAppCode(ctx context.Context, c *sdk.Client, path, doc string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := c.Post(ctx, path, strings.NewReader(doc))
		var ae *sdk.AppError
		if errors.As(err, &ae) && ae.Code != 10008 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// deleteServerErrors backs off on the assigned field's server errors.
func deleteServerErrors(ctx context.Context, c *sdk.Client, path string) error {
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 3; attempt++ {
		err := c.Delete(ctx, path)
		var he *sdk.HTTPError
		if errors.As(err, &he) && he.Code >= 500 {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// putLocalStatus retries 404 through a field set from a local variable:
// the field is not known to carry the status, so nothing is said (a
// limitation).
func putLocalStatus(ctx context.Context, c *sdk.Client, path, doc string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := c.Put(ctx, path, strings.NewReader(doc))
		var le *sdk.LocalError
		if errors.As(err, &le) && (le.Num == http.StatusNotFound || le.Num >= 500) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}
