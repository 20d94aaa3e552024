package tokenrefresh

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// rechargeFlag sets a retry flag for 401 as for the upstream failures and
// backs off; the 401 path falls off the body's end.
func (c *Client) rechargeFlag(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		retry := false
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusBadGateway, http.StatusGatewayTimeout:
			retry = true
		}
		if !retry {
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return errors.New("recharge: out of attempts")
}

// rechargeRefreshOnce is correct: a refreshed flag allows one retry of a
// 401, after the refresh; a second 401 returns.
func (c *Client) rechargeRefreshOnce(ctx context.Context, body []byte) error {
	refreshed := false
	for {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized && !refreshed {
			if err := c.refresh(ctx); err != nil {
				return err
			}
			refreshed = true
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
		return nil
	}
}

// rechargeInlineRefresh is correct: it posts to /v1/auth/refresh inline
// and stores the new token where newRequest reads it.
func (c *Client) rechargeInlineRefresh(ctx context.Context, body []byte) error {
	authRetry := true
	for authRetry {
		authRetry = false
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			rr, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/auth/refresh", bytes.NewReader([]byte("{}")))
			if err != nil {
				return err
			}
			rr.Header.Set("Authorization", "Bearer "+c.currentToken())
			rresp, err := c.http.Do(rr)
			if err != nil {
				return err
			}
			var out tokenResponse
			err = json.NewDecoder(rresp.Body).Decode(&out)
			rresp.Body.Close()
			if err != nil {
				return err
			}
			c.mu.Lock()
			c.token = out.Data.Token
			c.mu.Unlock()
			authRetry = true
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
	}
	return nil
}

// rechargeWhileUnauthorized loops while a flag says the last answer was a
// 401, with no refresh: a condition-only loop.
func (c *Client) rechargeWhileUnauthorized(ctx context.Context, body []byte) error {
	unauthorized := true
	for tries := 0; unauthorized && tries < 3; tries++ {
		unauthorized = false
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusUnauthorized:
			unauthorized = true
			time.Sleep(time.Second)
		case resp.StatusCode != http.StatusOK:
			return fmt.Errorf("recharge: status %d", resp.StatusCode)
		}
	}
	return nil
}
