// Package quirk retries an API's 400 with code LOCK_CONTENTION, a quirk
// that the policy examples/policies/quirk.yaml accepts: the retry of that
// code is accepted, the retry of any other 400 is still reported.
package quirk

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

type envelope struct {
	Error struct {
		Code string `json:"code"`
	} `json:"error"`
}

// post retries LOCK_CONTENTION with exponential backoff: accepted by the
// exception.
func post(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadRequest {
			var env envelope
			_ = json.NewDecoder(resp.Body).Decode(&env)
			resp.Body.Close()
			if env.Error.Code == "LOCK_CONTENTION" {
				time.Sleep(100 * time.Millisecond << attempt)
				continue
			}
			return nil, errors.New("bad request: " + env.Error.Code)
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// postAllButLock retries every 400 but the quirk: the other codes under
// 400 are still never retryable.
func postAllButLock(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadRequest {
			var env envelope
			_ = json.NewDecoder(resp.Body).Decode(&env)
			resp.Body.Close()
			if env.Error.Code != "LOCK_CONTENTION" {
				time.Sleep(100 * time.Millisecond << attempt)
				continue // want `retry of INVALID_REQUEST, which is never retryable: fix the request body and return the error`
			}
			return nil, errors.New("locked")
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// postLockFixed retries the quirk on a fixed pause: the exception gives it
// the backoff class, so the constant delay is reported.
func postLockFixed(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadRequest {
			var env envelope
			_ = json.NewDecoder(resp.Body).Decode(&env)
			resp.Body.Close()
			if env.Error.Code == "LOCK_CONTENTION" {
				time.Sleep(time.Second)
				continue // want `retry of LOCK_CONTENTION with a constant delay: grow the delay exponentially per attempt`
			}
			return nil, errors.New("bad request: " + env.Error.Code)
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
