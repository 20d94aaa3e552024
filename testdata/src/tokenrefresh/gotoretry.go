package tokenrefresh

import (
	"context"
	"fmt"
	"net/http"
)

// terminateGoto jumps back on a 401 once, without a refresh.
func (c *Client) terminateGoto(ctx context.Context, id string) error {
	retried := false
again:
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized && !retried {
		retried = true
		goto again // want `retry of 401 without refreshing the token: refresh it before the next attempt`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
	}
	return nil
}

// terminateGotoRefresh is correct: it refreshes once before jumping back,
// and the request after the label reads the new token.
func (c *Client) terminateGotoRefresh(ctx context.Context, id string) error {
	refreshed := false
again:
	req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/terminate", nil)
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
		goto again
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
	}
	return nil
}

// terminateGotoStale refreshes, but the label is after the request and its
// header were made, so the old header is sent again.
func (c *Client) terminateGotoStale(ctx context.Context, id string) error {
	refreshed := false
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v1/sessions/"+id+"/terminate", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.currentToken())
again:
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
		goto again // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("terminate %s: status %d", id, resp.StatusCode)
	}
	return nil
}
