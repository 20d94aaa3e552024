package retryafter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"sdk"
)

// productsEnvelope waits a fixed second on the envelope's rate-limit code,
// in a select with the context.
func (c *Client) productsEnvelope(ctx context.Context) ([]sdk.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  []sdk.Product `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if env.Error.Code == "" {
			return env.Data, nil
		}
		if env.Error.Code == "RATE_LIMIT_EXCEEDED" {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Second):
			}
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: rate limited")
}

// productsEnvelopeHeader is correct: on the envelope's rate-limit code it
// waits for the response's Retry-After.
func (c *Client) productsEnvelopeHeader(ctx context.Context) ([]sdk.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  []sdk.Product `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if env.Error.Code == "" {
			return env.Data, nil
		}
		if env.Error.Code == "RATE_LIMIT_EXCEEDED" {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: rate limited")
}

// productsEnvelopeAllButAuth retries every envelope code but the two auth
// failures, with a linear delay: rate limits get no Retry-After wait.
func (c *Client) productsEnvelopeAllButAuth(ctx context.Context) ([]sdk.Product, error) {
	for attempt := 1; attempt <= 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  []sdk.Product `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch env.Error.Code {
		case "":
			return env.Data, nil
		case "AUTH_INVALID_KEY", "AUTH_EXPIRED_TOKEN":
			return nil, fmt.Errorf("list products: %s", env.Error.Code)
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, errors.New("list products: out of attempts")
}
