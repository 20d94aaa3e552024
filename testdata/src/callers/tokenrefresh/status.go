package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/auth"
	"helpers/classify"
	"helpers/wait"
)

// doUnauthorizedPause pauses on a 401 that a response predicate finds, and
// sends the same token again.
func doUnauthorizedPause(c *apiclient.Client, req *http.Request) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if classify.IsUnauthorized(resp) {
			wait.Pause()
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: unauthorized")
}

// doUnauthorizedRefresh is correct: on a 401 the refresher renews the
// token the client sets on every request.
func doUnauthorizedRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, req *http.Request) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if classify.IsUnauthorized(resp) {
			if err := auth.RefreshClient(ctx, c, src); err != nil {
				return err
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: unauthorized")
}

// doReconnect drops idle connections on a 401.
func doReconnect(c *apiclient.Client, req *http.Request) error {
	for range 3 {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			auth.Reconnect(c)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: unauthorized")
}

// reportUnauthorizedRetry sends the event again on a 401 status result.
func reportUnauthorizedRetry(ctx context.Context, c *apiclient.Client, id string, ev []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status == http.StatusUnauthorized || status >= 500 {
			wait.SleepBackoff(attempt)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// reportRelogin is correct: a 401 status result logs in again and the
// client takes the new token.
func reportRelogin(ctx context.Context, c *apiclient.Client, key, secret, id string, ev []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		status, err := c.Report(ctx, id, ev)
		if err != nil {
			return err
		}
		if status == http.StatusUnauthorized {
			tok, err := auth.Login(ctx, c.HTTP, c.BaseURL, key, secret)
			if err != nil {
				return err
			}
			c.Token = tok
			continue
		}
		if status != http.StatusOK {
			return fmt.Errorf("report: status %d", status)
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// balanceStaleHeader refreshes through a helper but resends the request
// whose Authorization header was set before the loop.
func balanceStaleHeader(ctx context.Context, hc *http.Client, src *auth.Source, baseURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+src.Token())
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := src.Refresh(ctx); err != nil {
				return err
			}
			continue // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: unauthorized")
}

// balanceHeaderPerAttempt is correct: the header is set from the token
// source before every attempt.
func balanceHeaderPerAttempt(ctx context.Context, hc *http.Client, src *auth.Source, baseURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		req.Header.Set("Authorization", "Bearer "+src.Token())
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := src.Refresh(ctx); err != nil {
				return err
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: unauthorized")
}
