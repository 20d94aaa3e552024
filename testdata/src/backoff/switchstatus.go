package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// rotateServerRange retries every 5xx at a fixed pace: tagless switch.
func (c *Client) rotateServerRange(ctx context.Context, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
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
			time.Sleep(time.Second)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("rotate: status %d", resp.StatusCode)
	}
	return errors.New("rotate: upstream failing")
}

// rotateServerRangeBackoff is correct: the same switch with a delay that
// doubles.
func (c *Client) rotateServerRangeBackoff(ctx context.Context, id string) error {
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
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
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return fmt.Errorf("rotate: status %d", resp.StatusCode)
	}
	return errors.New("rotate: upstream failing")
}

// rotateGatewayTimeout retries 504 only, with no delay.
func (c *Client) rotateGatewayTimeout(ctx context.Context, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
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
		case http.StatusGatewayTimeout:
			continue // want `retry of 504 with no delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("rotate: status %d", resp.StatusCode)
	}
	return errors.New("rotate: upstream timing out")
}

// rotateInternalError is correct for this rule: it retries 500 (and 409)
// at a fixed pace, and neither is an upstream failure.
func (c *Client) rotateInternalError(ctx context.Context, id string) error {
	for attempt := 0; attempt < 2; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
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
		case http.StatusInternalServerError, http.StatusConflict:
			time.Sleep(time.Second)
			continue
		}
		return fmt.Errorf("rotate: status %d", resp.StatusCode)
	}
	return errors.New("rotate: failing")
}
