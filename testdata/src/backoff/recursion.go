package backoff

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// balance calls itself again on 502 or 504 after a delay that grows by a
// second per attempt.
func (c *Client) balance(ctx context.Context, attempt int) error {
	req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) && attempt < 4 {
		time.Sleep(time.Duration(attempt+1) * time.Second)
		return c.balance(ctx, attempt+1) // want `retry of 502 with a linear delay: grow the delay exponentially per attempt`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("balance: status %d", resp.StatusCode)
	}
	return nil
}

// balanceBackoff is correct: the delay is a base shifted by the attempt.
func (c *Client) balanceBackoff(ctx context.Context, attempt int) error {
	const base = 250 * time.Millisecond
	req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) && attempt < 4 {
		time.Sleep(base << attempt)
		return c.balanceBackoff(ctx, attempt+1)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("balance: status %d", resp.StatusCode)
	}
	return nil
}
