package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// usageSelectFixed waits a fixed second in a select with the context.
func (c *Client) usageSelectFixed(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGatewayTimeout {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second):
			}
			continue // want `retry of 504 with a constant delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream timing out")
}

// usageSelectBackoff is correct: the select waits for a delay that
// doubles per attempt.
func (c *Client) usageSelectBackoff(ctx context.Context, id string) error {
	const base = 200 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGatewayTimeout {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(1<<attempt) * base):
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream timing out")
}

// usageTicker paces attempts with a ticker: a constant delay.
func (c *Client) usageTicker(ctx context.Context, id string) error {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-ticker.C:
			}
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("usage: status %d", resp.StatusCode)
	}
	return errors.New("usage: upstream failing")
}

// usageTimerFixed resets one timer to the same second every time.
func (c *Client) usageTimerFixed(ctx context.Context, id string) error {
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway {
			timer.Reset(time.Second)
			<-timer.C
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream failing")
}

// usageTimerBackoff is correct: the timer is reset to a delay that
// doubles.
func (c *Client) usageTimerBackoff(ctx context.Context, id string) error {
	delay := 100 * time.Millisecond
	timer := time.NewTimer(delay)
	defer timer.Stop()
	<-timer.C
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway {
			delay *= 2
			timer.Reset(delay)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-timer.C:
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream failing")
}
