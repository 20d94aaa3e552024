package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"sdk"
)

// throttled wraps an SDK client.
type throttled struct {
	c *sdk.Client
}

// balance calls itself again on a rate limit after a linear pause.
func (t *throttled) balance(ctx context.Context, attempt int) (*sdk.Balance, error) {
	b, err := t.c.GetBalance(ctx)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded && attempt < 5 {
		time.Sleep(time.Duration(attempt+1) * time.Second)
		return t.balance(ctx, attempt+1) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return b, err
}

// balanceWaits is correct: it waits for the error's RetryAfter first.
func (t *throttled) balanceWaits(ctx context.Context, attempt int) (*sdk.Balance, error) {
	b, err := t.c.GetBalance(ctx)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded && attempt < 5 {
		time.Sleep(apiErr.RetryAfter)
		return t.balanceWaits(ctx, attempt+1)
	}
	return b, err
}

// terminate calls itself again on a 429 with no wait.
func (c *Client) terminate(ctx context.Context, id string, attempt int) error {
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests && attempt < 3:
		return c.terminate(ctx, id, attempt+1) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
}

// terminateWaits is correct: it waits for the header's seconds first.
func (c *Client) terminateWaits(ctx context.Context, id string, attempt int) error {
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests && attempt < 3:
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if err != nil {
			return err
		}
		time.Sleep(time.Duration(secs) * time.Second)
		return c.terminateWaits(ctx, id, attempt+1)
	}
	return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
}
