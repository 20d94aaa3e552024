package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// post sends a request and returns only its status.
func (c *Client) post(ctx context.Context, path string, body []byte) (int, http.Header, error) {
	req, err := c.newRequest(ctx, http.MethodPost, path, body)
	if err != nil {
		return 0, nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header, nil
}

// renewStatusValue classifies the status a helper returns and waits a
// fixed second on 429.
func (c *Client) renewStatusValue(ctx context.Context, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, _, err := c.post(ctx, "/v1/sessions/"+id+"/renew", nil)
		if err != nil {
			return err
		}
		if status == http.StatusTooManyRequests {
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if status != http.StatusOK {
			return fmt.Errorf("renew: status %d", status)
		}
		return nil
	}
	return errors.New("renew: rate limited")
}

// renewStatusValueWaits is correct: it waits for the Retry-After of the
// header the helper returns.
func (c *Client) renewStatusValueWaits(ctx context.Context, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		status, hdr, err := c.post(ctx, "/v1/sessions/"+id+"/renew", nil)
		if err != nil {
			return err
		}
		if status == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(hdr.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		if status != http.StatusOK {
			return fmt.Errorf("renew: status %d", status)
		}
		return nil
	}
	return errors.New("renew: rate limited")
}
