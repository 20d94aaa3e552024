package fixes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// balanceXor writes 2^attempt for a power of two.
func (c *Client) balanceXor(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(time.Duration(2^attempt) * time.Second) // want `2\^attempt is XOR in Go, not a power, so the delay does not grow exponentially: use 1<<attempt`
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: upstream failing")
}

// renewXorBase multiplies a base by 2^n in a local variable.
func (c *Client) renewXorBase(ctx context.Context, id string) error {
	const base = 200 * time.Millisecond
	for n := 0; n < 5; n++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/renew", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			delay := base * time.Duration(2^n) // want `2\^n is XOR in Go, not a power, so the delay does not grow exponentially: use 1<<n`
			time.Sleep(delay)
			continue
		}
		return fmt.Errorf("renew: status %d", resp.StatusCode)
	}
	return errors.New("renew: upstream failing")
}
