package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"sdk"
)

// call is correct: after the refresh it builds a new request from the new
// token in the recursive call.
func (c *Client) call(ctx context.Context, method, path string, body []byte, retried bool) (*http.Response, error) {
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized && !retried {
		resp.Body.Close()
		if err := c.refresh(ctx); err != nil {
			return nil, err
		}
		return c.call(ctx, method, path, body, true)
	}
	return resp, nil
}

// callNoRefresh calls itself again on a 401 with the same token.
func (c *Client) callNoRefresh(ctx context.Context, method, path string, body []byte, depth int) (*http.Response, error) {
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized && depth < 2 {
		resp.Body.Close()
		return c.callNoRefresh(ctx, method, path, body, depth+1) // want `retry of 401 without refreshing the token: refresh it before the next attempt`
	}
	return resp, nil
}

// agent wraps an SDK client.
type agent struct {
	c *sdk.Client
}

// balance calls itself again on AUTH_EXPIRED_TOKEN without a refresh.
func (a *agent) balance(ctx context.Context, depth int) (*sdk.Balance, error) {
	b, err := a.c.GetBalance(ctx)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeAuthExpiredToken && depth < 2 {
		return a.balance(ctx, depth+1) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return b, err
}

// balanceRefresh is correct: it refreshes the SDK client's token first.
func (a *agent) balanceRefresh(ctx context.Context, depth int) (*sdk.Balance, error) {
	b, err := a.c.GetBalance(ctx)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeAuthExpiredToken && depth < 1 {
		if err := refreshSDK(ctx, a.c); err != nil {
			return nil, fmt.Errorf("balance: %w", err)
		}
		return a.balanceRefresh(ctx, depth+1)
	}
	return b, err
}
