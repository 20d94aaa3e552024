package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// productsSwitch waits on 401 and 403 alike, hoping credentials propagate.
func (c *Client) productsSwitch(ctx context.Context) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
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
		case http.StatusUnauthorized, http.StatusForbidden:
			time.Sleep(2 * time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return fmt.Errorf("products: status %d", resp.StatusCode)
	}
	return errors.New("products: out of attempts")
}

// productsSwitchRefresh is correct: the 401 case refreshes first; the
// upstream cases back off.
func (c *Client) productsSwitchRefresh(ctx context.Context) error {
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
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
		case http.StatusUnauthorized:
			if err := c.refresh(ctx); err != nil {
				return err
			}
			continue
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return fmt.Errorf("products: status %d", resp.StatusCode)
	}
	return errors.New("products: out of attempts")
}

// productsClientRange retries the 4xx range but 404 without a refresh: a
// tagless switch over ranges.
func (c *Client) productsClientRange(ctx context.Context) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode < 300:
			return nil
		case resp.StatusCode == http.StatusNotFound:
			return errors.New("products: not found")
		case resp.StatusCode >= 400 && resp.StatusCode < 500:
			time.Sleep(time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return fmt.Errorf("products: status %d", resp.StatusCode)
	}
	return errors.New("products: out of attempts")
}

// productsServerRange is correct for this rule: only 5xx is retried and a
// 401 returns.
func (c *Client) productsServerRange(ctx context.Context) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode < 300:
			return nil
		case resp.StatusCode >= 500:
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return fmt.Errorf("products: status %d", resp.StatusCode)
	}
	return errors.New("products: out of attempts")
}
