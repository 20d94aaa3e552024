// Package idemfix holds keys made anew inside retried code that the
// suggested fix moves before the retries.
package idemfix

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"time"
)

type shop struct {
	http *http.Client
	base string
}

// createLoop makes the key in the loop body.
func (s *shop) createLoop(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		key := rand.Text() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := s.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("create: out of attempts")
}

// withRetry calls op again on every failure, three times at most.
func withRetry(op func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<i) * time.Second)
	}
	return err
}

// createClosure makes the key in the closure the helper calls again.
func (s *shop) createClosure(ctx context.Context, body []byte) error {
	return withRetry(func() error {
		key := rand.Text() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := s.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	})
}
