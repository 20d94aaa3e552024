package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// usageSwitch puts 429 in the same case as the upstream failures, with an
// exponential delay for all three.
func (c *Client) usageSwitch(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusGatewayTimeout:
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return fmt.Errorf("usage: status %d", resp.StatusCode)
	}
	return errors.New("usage: out of attempts")
}

// usageSwitchSeparate is correct: 429 has its own case that waits for the
// header; the upstream failures back off.
func (c *Client) usageSwitchSeparate(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusTooManyRequests:
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue
		}
		return fmt.Errorf("usage: status %d", resp.StatusCode)
	}
	return errors.New("usage: out of attempts")
}

// usageRange retries every 4xx and 5xx with a constant delay: a tagless
// switch over ranges.
func (c *Client) usageRange(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode < 300:
			return nil
		case resp.StatusCode >= 400:
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return fmt.Errorf("usage: status %d", resp.StatusCode)
	}
	return errors.New("usage: out of attempts")
}

// usageServerRange is correct for this rule: the tagless switch retries
// only 5xx; a 429 returns.
func (c *Client) usageServerRange(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
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
		return fmt.Errorf("usage: status %d", resp.StatusCode)
	}
	return errors.New("usage: out of attempts")
}
