package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// terminate retries every status but 200.
func (c *Client) terminate(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			time.Sleep(time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return nil
	}
	return fmt.Errorf("terminate %s: out of attempts", id)
}

// terminateServerErrors is correct: only 5xx is retried.
func (c *Client) terminateServerErrors(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
		}
		return nil
	}
	return fmt.Errorf("terminate %s: out of attempts", id)
}

// chargeWhenFunded waits for an auto-recharge on 402.
func (c *Client) chargeWhenFunded(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 6; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusPaymentRequired {
			time.Sleep(30 * time.Second)
			continue // want `retry of 402, which is never retryable: recharge the balance and return the error`
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("create session: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("create session: balance still too low")
}

// createConflictRetry is correct: it retries a 409 (out of stock), which
// may succeed later; every other failure returns.
func (c *Client) createConflictRetry(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusConflict {
			time.Sleep(10 * time.Second)
			continue
		}
		if resp.StatusCode >= 300 {
			return fmt.Errorf("create session: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("create session: still conflicting")
}

// balanceInternalErrorRetry is correct for this rule: a 500 is not one of
// the never-retryable statuses.
func (c *Client) balanceInternalErrorRetry(ctx context.Context) error {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/billing/balance")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusInternalServerError {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: internal error")
}
