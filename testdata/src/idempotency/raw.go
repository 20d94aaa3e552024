// Package idempotency holds retried orders (POST /v1/sessions and the
// renewal) sent with no idempotency key, or with a key made anew for each
// attempt, and retries of IDEMPOTENCY_CONFLICT under the same key, with
// the near misses: a key made once before the first attempt, a method
// chosen at run time, requests that place no order.
package idempotency

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"orders"
)

type buyer struct {
	http    *http.Client
	base    string
	apiKey  string
	billing *orders.Client
}

type apiEnvelope struct {
	Success bool `json:"success"`
	Error   *struct {
		Code string `json:"code"`
	} `json:"error"`
}

// createNoKey retries the order on 5xx and transport errors with no key:
// a timeout after the server took the order buys twice.
func (b *buyer) createNoKey(ctx context.Context, body []byte) (*http.Response, error) {
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body)) // want `retried POST /v1/sessions sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-API-Key", b.apiKey)
		resp, err := b.http.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(delay)
		delay *= 2
	}
	return nil, errors.New("create: out of attempts")
}

// createFreshKey makes the key inside the loop: each attempt is a new order.
func (b *buyer) createFreshKey(ctx context.Context, body []byte) error {
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		key := rand.Text() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("create: out of attempts")
}

// createClockKey keys the order by the clock, read again per attempt.
func (b *buyer) createClockKey(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header["Idempotency-Key"] = []string{strconv.FormatInt(time.Now().UnixNano(), 10)} // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
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

// renewNoKey retries the renewal, built with Sprintf, with no key.
func (b *buyer) renewNoKey(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", fmt.Sprintf("%s/v1/sessions/%s/renew", b.base, id), nil) // want `retried POST /v1/sessions/\{id\}/renew sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
		resp, err := b.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(attempt+1) * time.Second * 2)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil
	}
	return errors.New("renew: out of attempts")
}

// newOrderKey is the runtime's key maker.
func newOrderKey() string {
	return "ord_" + rand.Text()
}

// postOrder builds the order with a key of its own on every call.
func (b *buyer) postOrder(ctx context.Context, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Idempotency-Key", newOrderKey()) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
	return b.http.Do(req)
}

// createThroughHelper retries the helper, which keys each call anew.
func (b *buyer) createThroughHelper(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := b.postOrder(ctx, body)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("create: out of attempts")
}

// buyOtherPackage retries another package's order that sends no key.
func (b *buyer) buyOtherPackage(ctx context.Context, product string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = b.billing.Buy(ctx, product); err == nil { // want `retried POST /v1/sessions sends no Idempotency-Key header: make a key once before the first attempt and send it on every attempt`
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return err
}

// buyOtherPackageOwnKey retries another package's order that keys each
// call anew.
func (b *buyer) buyOtherPackageOwnKey(ctx context.Context, product string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = b.billing.BuyOwnKey(ctx, product); err == nil { // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return err
}

// buyKeyedFresh hands another package a key made in the loop.
func (b *buyer) buyKeyedFresh(ctx context.Context, product string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = b.billing.BuyKeyed(ctx, product, rand.Text()); err == nil { // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return err
}

// createRecursive makes the key in the function it calls again.
func (b *buyer) createRecursive(ctx context.Context, body []byte, left int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", rand.Text()) // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
	resp, err := b.http.Do(req)
	if err != nil && left > 0 {
		time.Sleep(time.Second << (3 - left))
		return b.createRecursive(ctx, body, left-1)
	}
	if resp != nil {
		resp.Body.Close()
	}
	return err
}

// createConflictRetried retries an idempotency conflict with the same key
// and body: it will conflict again.
func (b *buyer) createConflictRetried(ctx context.Context, body []byte) error {
	key := rand.Text()
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", key)
		resp, err := b.http.Do(req)
		if err != nil {
			return err
		}
		var env apiEnvelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		switch env.Error.Code {
		case "IDEMPOTENCY_CONFLICT", "BACKEND_ERROR":
			time.Sleep(delay)
			delay *= 2
			continue // want `retry of IDEMPOTENCY_CONFLICT with the same Idempotency-Key and request: use a new key, or return the response the first request got`
		}
		return fmt.Errorf("create: %s", env.Error.Code)
	}
	return errors.New("create: out of attempts")
}

// createGoto jumps back above the key.
func (b *buyer) createGoto(ctx context.Context, body []byte) error {
	tries := 0
again:
	key := newOrderKey() // want `Idempotency-Key of POST /v1/sessions is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/v1/sessions", bytes.NewReader(body))
	req.Header.Set("Idempotency-Key", key)
	resp, err := b.http.Do(req)
	if err != nil && tries < 3 {
		tries++
		time.Sleep(time.Duration(1<<tries) * time.Second)
		goto again
	}
	if resp != nil {
		resp.Body.Close()
	}
	return err
}
