package nonretryable

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"sdk"
)

// worker holds an SDK client.
type worker struct {
	c *sdk.Client
}

// fetchSession calls itself again on SESSION_NOT_FOUND as on an upstream
// error.
func (w *worker) fetchSession(ctx context.Context, id string, attempt int) (*sdk.Session, error) {
	s, err := w.c.GetSession(ctx, id)
	if err == nil {
		return s, nil
	}
	var apiErr *sdk.APIError
	if attempt < 3 && errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeSessionNotFound || apiErr.Code == sdk.CodeBackendError) {
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		return w.fetchSession(ctx, id, attempt+1) // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
	}
	return nil, err
}

// fetchSessionRateLimited is correct: it calls itself again only after
// waiting out a rate limit.
func (w *worker) fetchSessionRateLimited(ctx context.Context, id string, attempt int) (*sdk.Session, error) {
	s, err := w.c.GetSession(ctx, id)
	if err == nil {
		return s, nil
	}
	var apiErr *sdk.APIError
	if attempt < 3 && errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
		time.Sleep(apiErr.RetryAfter)
		return w.fetchSessionRateLimited(ctx, id, attempt+1)
	}
	return nil, err
}

// getProducts calls itself again on any status but 200.
func (c *Client) getProducts(ctx context.Context, attempt int) ([]sdk.Product, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && attempt < 3 {
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		return c.getProducts(ctx, attempt+1) // want `retry of 400, which is never retryable: fix the request and return the error`
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("list products: status %d", resp.StatusCode)
	}
	var env struct {
		Data []sdk.Product `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&env)
	return env.Data, err
}

// getProductsServerOnly is correct: every 4xx returns; only 5xx calls
// itself again.
func (c *Client) getProductsServerOnly(ctx context.Context, attempt int) ([]sdk.Product, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 && resp.StatusCode < 500 {
		return nil, fmt.Errorf("list products: status %d", resp.StatusCode)
	}
	if resp.StatusCode >= 500 && attempt < 3 {
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		return c.getProductsServerOnly(ctx, attempt+1)
	}
	var env struct {
		Data []sdk.Product `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&env)
	return env.Data, err
}
