package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"sdk"
)

// balanceNoRefresh tries again on a 401 with the same expired token.
func (c *Client) balanceNoRefresh(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			time.Sleep(time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: unauthorized")
}

// balanceRefresh is correct: on a 401 it refreshes the token, and the next
// request is built from the new one.
func (c *Client) balanceRefresh(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := c.refresh(ctx); err != nil {
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

// balanceStaleHeader refreshes the token but resends the request whose
// Authorization header was set before the loop.
func (c *Client) balanceStaleHeader(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.currentToken())
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := c.refresh(ctx); err != nil {
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

// balanceHeaderPerAttempt is correct: the request is built once, but its
// Authorization header is set from the current token before every attempt.
func (c *Client) balanceHeaderPerAttempt(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/billing/balance", nil)
	if err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		req.Header.Set("Authorization", "Bearer "+c.currentToken())
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := c.refresh(ctx); err != nil {
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

// createExpiredNoRefresh retries AUTH_EXPIRED_TOKEN as if it were transient.
func createExpiredNoRefresh(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeAuthExpiredToken || apiErr.Code == sdk.CodeBackendTimeout) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createExpiredRefresh is correct: the SDK client's token is refreshed by
// a function of this package before the next attempt.
func createExpiredRefresh(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeAuthExpiredToken {
			if err := refreshSDK(ctx, c); err != nil {
				return nil, err
			}
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createAllButBalance retries every failure but a low balance, an expired
// token included, with a growing delay: for {} falling off its end.
func createAllButBalance(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := time.Second
	for {
		s, err := c.CreateSession(ctx, req) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeInsufficientBalance {
			return nil, err
		}
		if delay > 30*time.Second {
			return nil, err
		}
		log.Printf("create session: %v; retrying in %s", err, delay)
		time.Sleep(delay)
		delay *= 2
	}
}

// balanceReconnect closes idle connections on a 401, which does not renew
// the token.
func (c *Client) balanceReconnect(ctx context.Context) error {
	for range 3 {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			c.http.CloseIdleConnections()
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: unauthorized")
}

// balanceRelogin is correct: it logs in again at /v1/auth/token and stores
// the new token, under the lock, where newRequest reads it.
func (c *Client) balanceRelogin(ctx context.Context) error {
	for range 3 {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			tok, err := c.login(ctx)
			if err != nil {
				return err
			}
			c.mu.Lock()
			c.token = tok
			c.mu.Unlock()
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("balance: unauthorized")
}

// waitUntilActive is correct: it is not a retry; it polls successful reads
// and returns on any failure.
func waitUntilActive(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		time.Sleep(time.Second)
	}
}

// balanceStaleLocal refreshes the token, but every attempt sets the header
// from a copy of the token taken before the loop.
func (c *Client) balanceStaleLocal(ctx context.Context) error {
	token := c.currentToken()
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := c.refresh(ctx); err != nil {
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

// balanceFreshLocal is correct: the refresh returns the new token into the
// variable the header is set from.
func (c *Client) balanceFreshLocal(ctx context.Context) error {
	token := c.currentToken()
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/v1/billing/balance", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			token, err = c.login(ctx)
			if err != nil {
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
