package retryafter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"sdk"
)

// reportGoto jumps back on a 429 without waiting.
func (c *Client) reportGoto(ctx context.Context, id string, payload []byte) error {
	tries := 0
send:
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", payload)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests && tries < 3 {
		tries++
		goto send // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("report-event: status %d", resp.StatusCode)
	}
	return nil
}

// reportGotoWaits is correct: it waits for the header before jumping back.
func (c *Client) reportGotoWaits(ctx context.Context, id string, payload []byte) error {
	tries := 0
send:
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", payload)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests && tries < 3 {
		tries++
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			time.Sleep(time.Duration(secs) * time.Second)
			goto send
		}
		return errors.New("report-event: 429 without Retry-After")
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("report-event: status %d", resp.StatusCode)
	}
	return nil
}

// renewGoto jumps back on RATE_LIMIT_EXCEEDED after a linear pause.
func renewGoto(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded && tries < 4 {
		tries++
		time.Sleep(time.Duration(tries) * 500 * time.Millisecond)
		goto again // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return s, err
}
