// Package orders is a small billing client of another team that the
// idempotency cases call: one method places an order with no key, one
// takes the caller's key, one makes a key of its own on every call.
package orders

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
)

// Client places session orders.
type Client struct { // want Client:`^Buy: [^;]*order\(POST /v1/sessions, no key\)[^;]*; BuyKeyed: [^;]*order\(POST /v1/sessions, key from param 2\)[^;]*; BuyOwnKey: [^;]*order\(POST /v1/sessions, fresh key\)[^;]*$`
	HTTP *http.Client
	Base string
}

// Buy orders a session and sends no idempotency key.
func (c *Client) Buy(ctx context.Context, product string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/sessions", strings.NewReader(`{"product_id":"`+product+`"}`))
	if err != nil {
		return err
	}
	return c.send(req)
}

// BuyKeyed orders a session with the caller's key.
func (c *Client) BuyKeyed(ctx context.Context, product, key string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/sessions", strings.NewReader(`{"product_id":"`+product+`"}`))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	return c.send(req)
}

// BuyOwnKey orders a session under a key it makes on every call.
func (c *Client) BuyOwnKey(ctx context.Context, product string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/sessions", strings.NewReader(`{"product_id":"`+product+`"}`))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", rand.Text())
	return c.send(req)
}

func (c *Client) send(req *http.Request) error {
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("orders: status %d", resp.StatusCode)
	}
	return nil
}

// Sign adds the team's headers to a request.
func Sign(req *http.Request, secret string) {
	req.Header.Set("X-Signature", secret)
}
