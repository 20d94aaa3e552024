package idempotency

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"time"

	"orders"
	"sdk"
)

// sdkFreshLiteral puts a key made per attempt in the SDK's request.
func sdkFreshLiteral(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: product, DurationMinutes: 60, IdempotencyKey: rand.Text()}) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, err
}

// sdkNoKeyLiteral sends the SDK's request without its key field.
func sdkNoKeyLiteral(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: product, DurationMinutes: 60}) // want `retried POST /v1/sessions sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendTimeout {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, err
}

// sdkFieldInLoop sets the key field anew in the loop.
func sdkFieldInLoop(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	req := &sdk.CreateSessionRequest{ProductID: product, DurationMinutes: 30}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		req.IdempotencyKey = "create-" + rand.Text() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		var s *sdk.Session
		if s, err = c.CreateSession(ctx, req); err == nil {
			return s, nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, err
}

// sdkConflictRetried retries the SDK's conflict under the same key.
func sdkConflictRetried(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	req := &sdk.CreateSessionRequest{ProductID: product, DurationMinutes: 30, IdempotencyKey: rand.Text()}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeIdempotencyConflict {
			time.Sleep(time.Second << attempt)
			continue // want `retry of IDEMPOTENCY_CONFLICT with the same Idempotency-Key and request: use a new key, or return the response the first request got`
		}
		return s, err
	}
	return nil, err
}

// Near misses.

// keyBeforeLoop makes the key once and sends it on every attempt.
func (b *buyer) keyBeforeLoop(ctx context.Context, body []byte) error {
	key := rand.Text()
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("create: out of attempts")
}

// methodFromCaller sends whatever method the caller chose: not judged.
func (b *buyer) methodFromCaller(ctx context.Context, method string, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, b.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("out of attempts")
}

// pollSession reads a session: a GET places no order.
func (b *buyer) pollSession(ctx context.Context, id string) error {
	for attempt := 0; attempt < 10; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, b.base+"/v1/sessions/"+id, nil)
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("poll: out of attempts")
}

// rotateNoKey retries a rotation, which the policy does not key.
func (b *buyer) rotateNoKey(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions/"+id+"/rotate", nil)
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("rotate: out of attempts")
}

// createOnce sends the order once: nothing is retried.
func (b *buyer) createOnce(ctx context.Context, body []byte) error {
	for _, base := range []string{b.base} {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := b.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// sdkKeyBeforeLoop keys the SDK's request once.
func sdkKeyBeforeLoop(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	key := rand.Text()
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		if s, err = c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: product, IdempotencyKey: key}); err == nil {
			return s, nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, err
}

// sdkFieldBeforeLoop sets the key field once.
func sdkFieldBeforeLoop(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	req := &sdk.CreateSessionRequest{ProductID: product}
	req.IdempotencyKey = rand.Text()
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		if s, err = c.CreateSession(ctx, req); err == nil {
			return s, nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, err
}

// sdkConflictNewKey takes a new key on a conflict.
func sdkConflictNewKey(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	req := &sdk.CreateSessionRequest{ProductID: product, IdempotencyKey: rand.Text()}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeIdempotencyConflict {
			req.IdempotencyKey = newOrderKey()
			continue
		}
		return s, err
	}
	return nil, err
}

// sdkConflictReturns hands the conflict back.
func sdkConflictReturns(ctx context.Context, c *sdk.Client, product string) (*sdk.Session, error) {
	req := &sdk.CreateSessionRequest{ProductID: product, IdempotencyKey: rand.Text()}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendError {
			time.Sleep(time.Second << attempt)
			continue
		}
		return s, err
	}
	return nil, err
}

// buyKeyedOnce hands another package a key made before the loop.
func (b *buyer) buyKeyedOnce(ctx context.Context, product string) error {
	key := rand.Text()
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = b.billing.BuyKeyed(ctx, product, key); err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return err
}

// signedUnseen hands the request to another package that may set its
// headers: the key cannot be told.
func (b *buyer) signedUnseen(ctx context.Context, body []byte, secret string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		orders.Sign(req, secret)
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("create: out of attempts")
}

// recursiveKeyParam passes the caller's key down the recursion.
func (b *buyer) recursiveKeyParam(ctx context.Context, body []byte, key string, left int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	resp, err := b.http.Do(req)
	if err != nil && left > 0 {
		time.Sleep(time.Second << (3 - left))
		return b.recursiveKeyParam(ctx, body, key, left-1)
	}
	if resp != nil {
		resp.Body.Close()
	}
	return err
}

// conflictStatusOnly reads only the status: 409 also means out of stock,
// which may be retried.
func (b *buyer) conflictStatusOnly(ctx context.Context, body []byte) error {
	key := rand.Text()
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", key)
		resp, err := b.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusConflict {
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil
	}
	return errors.New("create: out of attempts")
}
