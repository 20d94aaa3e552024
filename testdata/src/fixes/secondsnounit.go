package fixes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// createSleepNoUnit sleeps for the header's number as nanoseconds.
func (c *Client) createSleepNoUnit(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1
			}
			time.Sleep(time.Duration(secs)) // want `Retry-After is in seconds but becomes a time.Duration with no unit, which waits that many nanoseconds: multiply by time.Second`
			continue
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("create session: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("create session: rate limited")
}

// usageWaitNoUnit converts the header's number through a local variable.
func (c *Client) usageWaitNoUnit(ctx context.Context, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests {
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("usage: status %d", resp.StatusCode)
			}
			return nil
		}
		secs, err := strconv.ParseInt(resp.Header.Get("Retry-After"), 10, 64)
		if err != nil {
			return err
		}
		wait := time.Duration(secs) // want `Retry-After is in seconds but becomes a time.Duration with no unit, which waits that many nanoseconds: multiply by time.Second`
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	return errors.New("usage: rate limited")
}
