// Package use calls the client's methods through wrap's service; it does
// not import the client's package, so the methods' summaries reach it
// through wrap.
package use

import (
	"context"
	"errors"
	"time"

	"indirect/wrap"
)

// sessionBlanket retries every failure of GetSession after a fixed pause.
func sessionBlanket(ctx context.Context, s *wrap.Service, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		_, err := s.API.GetSession(ctx, id) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt` `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("out of attempts")
}

// sessionOnce tries once and returns the error: nothing to report.
func sessionOnce(ctx context.Context, s *wrap.Service, id string) error {
	_, err := s.API.GetSession(ctx, id)
	return err
}

// waitActive polls until the session is active and returns the first
// failure: the loop repeats a successful call, not a failed one.
func waitActive(ctx context.Context, s *wrap.Service, id string) error {
	for {
		sess, err := s.API.GetSession(ctx, id)
		if err != nil {
			return err
		}
		if sess.Status == "active" {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
}
