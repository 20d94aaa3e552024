package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// terminateFlag marks the upstream statuses for a retry and waits a fixed
// second; the body falls off its end into the next attempt.
func (c *Client) terminateFlag(ctx context.Context, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
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
			return fmt.Errorf("terminate: status %d", resp.StatusCode)
		}
		time.Sleep(time.Second)
	}
	return errors.New("terminate: upstream failing")
}

// terminateFlagBackoff is correct: the same flag, and a delay that doubles.
func (c *Client) terminateFlagBackoff(ctx context.Context, id string) error {
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
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
			return fmt.Errorf("terminate: status %d", resp.StatusCode)
		}
		time.Sleep(delay)
		delay *= 2
	}
	return errors.New("terminate: upstream failing")
}

// terminateWhileUpstream loops while the last answer was an upstream
// failure, with a linear delay: condition-only loop.
func (c *Client) terminateWhileUpstream(ctx context.Context, id string) error {
	attempt := 0
	upstream := true
	for upstream && attempt < 5 {
		attempt++
		upstream = false
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req) // want `retry of 502 with a linear delay: grow the delay exponentially per attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			upstream = true
			time.Sleep(time.Duration(attempt) * time.Second)
		default:
			return fmt.Errorf("terminate: status %d", resp.StatusCode)
		}
	}
	return errors.New("terminate: upstream failing")
}
