// Package orders holds orders (POST /v1/sessions, the renewal) handed to
// the retry libraries: keyed with a UUID made inside the retried function,
// which is a new key per attempt, or sent with no key, and the near misses
// that make the UUID once, outside the function the library calls again.
package orders

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/avast/retry-go/v4"
	backoff4 "github.com/cenkalti/backoff/v4"
	"github.com/cenkalti/backoff/v5"
	"github.com/google/uuid"
	goretry "github.com/sethvargo/go-retry"

	"libs/apiclient"
)

type shop struct {
	http *http.Client
	base string
	c    *apiclient.Client
}

func (s *shop) send(req *http.Request) error {
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return errors.New("upstream failure")
	}
	return nil
}

// createRetryGoFreshUUID makes the key inside the closure retry-go calls
// again.
func (s *shop) createRetryGoFreshUUID(ctx context.Context, body []byte) error {
	return retry.Do(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return retry.Unrecoverable(err)
		}
		req.Header.Set("Idempotency-Key", uuid.NewString()) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		resp, err := s.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	}, retry.Context(ctx), retry.Attempts(4))
}

// createSDKFreshUUIDV5 hands the SDK a key made per attempt.
func (s *shop) createSDKFreshUUIDV5(ctx context.Context, product string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		sess, err := s.c.CreateSession(ctx, product, uuid.New().String()) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return sess, err
	}, backoff.WithMaxTries(4))
}

// renewNoKeyV4 sends the renewal with no key.
func (s *shop) renewNoKeyV4(ctx context.Context, id string) error {
	return backoff4.Retry(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions/"+id+"/renew", nil) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		if err != nil {
			return backoff4.Permanent(err)
		}
		return s.send(req)
	}, backoff4.WithMaxRetries(backoff4.NewExponentialBackOff(), 3))
}

// createGoRetryFreshUUID marks every failure retryable and keys anew.
func (s *shop) createGoRetryFreshUUID(ctx context.Context, body []byte) error {
	b := goretry.WithMaxRetries(3, goretry.NewExponential(time.Second))
	return goretry.Do(ctx, b, func(ctx context.Context) error {
		key := uuid.Must(uuid.NewRandom()).String() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		if err := s.send(req); err != nil {
			return goretry.RetryableError(err)
		}
		return nil
	})
}

// Near misses.

// createRetryGoStableUUID makes the key once, outside the closure.
func (s *shop) createRetryGoStableUUID(ctx context.Context, body []byte) error {
	key := uuid.NewString()
	return retry.Do(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return retry.Unrecoverable(err)
		}
		req.Header.Set("Idempotency-Key", key)
		return s.send(req)
	}, retry.Context(ctx), retry.Attempts(4))
}

// createSDKStableUUIDV5 hands the SDK the same key on every attempt.
func (s *shop) createSDKStableUUIDV5(ctx context.Context, product string) (*apiclient.Session, error) {
	key := uuid.New().String()
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		sess, err := s.c.CreateSession(ctx, product, key)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return sess, err
	}, backoff.WithMaxTries(4))
}

// createGoRetryStable keeps the key in the caller's variable.
func (s *shop) createGoRetryStable(ctx context.Context, body []byte, key string) error {
	b := goretry.WithMaxRetries(3, goretry.NewExponential(time.Second))
	return goretry.Do(ctx, b, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		if err := s.send(req); err != nil {
			return goretry.RetryableError(err)
		}
		return nil
	})
}

// pollV4 polls a session until it is active: a GET places no order.
func (s *shop) pollV4(ctx context.Context, id string) error {
	return backoff4.Retry(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/v1/sessions/"+id, nil)
		if err != nil {
			return backoff4.Permanent(err)
		}
		return s.send(req)
	}, backoff4.WithMaxRetries(backoff4.NewExponentialBackOff(), 10))
}

// upstreamOnly leaves the upstream failures retryable and makes every
// other API error permanent.
func upstreamOnly(err error) error {
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
		return backoff.Permanent(err)
	}
	return err
}

// createClassified hands the library its error through a classifying
// function of its own, which is run under each failure: the upstream
// failures are retried, with a key made per attempt.
func (s *shop) createClassified(ctx context.Context, product string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		sess, err := s.c.CreateSession(ctx, product, uuid.NewString()) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		return sess, upstreamOnly(err)
	}, backoff.WithMaxTries(4))
}

// allPermanent marks every error permanent.
func allPermanent(err error) error {
	if err != nil {
		return backoff.Permanent(err)
	}
	return nil
}

// createNeverRetried hands the library only permanent errors: nothing is
// retried, so the key made inside is used once. Silent.
func (s *shop) createNeverRetried(ctx context.Context, product string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		sess, err := s.c.CreateSession(ctx, product, uuid.NewString())
		return sess, allPermanent(err)
	}, backoff.WithMaxTries(4))
}
