// Package ordersapi is a client of a payments API whose orders are
// POST /v2/charges and POST /v2/refunds/{id}/retry, keyed by an
// X-Request-Key header: testdata for a policy that names other
// idempotency endpoints and another header (TestPolicyEndpoints).
package ordersapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"time"
)

type payments struct {
	http *http.Client
	base string
}

// chargeNoKey retries a charge with no key.
func (p *payments) chargeNoKey(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/v2/charges", bytes.NewReader(body)) // want `retried POST /v2/charges sends no X-Request-Key header: make a key once before the first attempt and send it on every attempt`
		resp, err := p.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("charge: out of attempts")
}

// refundRetryFreshKey keys each attempt anew.
func (p *payments) refundRetryFreshKey(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/v2/refunds/"+id+"/retry", nil)
		req.Header.Set("X-Request-Key", rand.Text()) // want `X-Request-Key of POST /v2/refunds/\{id\}/retry is made anew for each attempt, so a retry can order twice: make the key once before the first attempt and reuse it`
		resp, err := p.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("refund: out of attempts")
}

// sessionsNotOrders posts to the default policy's order endpoint, which
// this policy does not list: not judged.
func (p *payments) sessionsNotOrders(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/v1/sessions", bytes.NewReader(body))
		resp, err := p.http.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("out of attempts")
}
