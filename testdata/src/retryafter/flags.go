package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// rechargeFlag marks 429 and 503 for a retry and then sleeps a fixed
// second; the body falls off its end into the next attempt.
func (c *Client) rechargeFlag(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		retry := false
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			retry = true
		}
		if !retry {
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
		time.Sleep(time.Second)
	}
	return errors.New("recharge: out of attempts")
}

// rechargeFlagUpstream is correct for this rule: the flag is set only for
// upstream failures, so a 429 returns.
func (c *Client) rechargeFlagUpstream(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		retry := false
		switch resp.StatusCode {
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			retry = true
		}
		if !retry {
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return errors.New("recharge: out of attempts")
}

// rotateWhileLimited loops while a flag says the last answer was a 429:
// a condition-only loop, with a ticker for the pause.
func (c *Client) rotateWhileLimited(ctx context.Context, id string) error {
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
	limited := true
	for limited {
		limited = false
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			limited = true
			<-ticker.C
		} else if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("rotate: status %d", resp.StatusCode)
		}
	}
	return nil
}

// rotateWhileLimitedWaits is correct: the same loop waits for the header.
func (c *Client) rotateWhileLimitedWaits(ctx context.Context, id string) error {
	limited := true
	for limited {
		limited = false
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			limited = true
			time.Sleep(retryAfter(resp))
		} else if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("rotate: status %d", resp.StatusCode)
		}
	}
	return nil
}
