package tokenrefresh

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// usageEnvelope decodes the error envelope best-effort and retries an
// expired token after a pause, with no refresh.
func (c *Client) usageEnvelope(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Error.Code == "AUTH_EXPIRED_TOKEN" {
			time.Sleep(time.Second)
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return fmt.Errorf("usage: %s", env.Error.Code)
	}
	return errors.New("usage: token keeps expiring")
}

// usageEnvelopeRefresh is correct: the expired-token code leads to a
// refresh before the next attempt.
func (c *Client) usageEnvelopeRefresh(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return err
		}
		switch env.Error.Code {
		case "":
			return nil
		case "AUTH_EXPIRED_TOKEN":
			if err := c.refresh(ctx); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("usage: %s", env.Error.Code)
	}
	return errors.New("usage: token keeps expiring")
}

// usageEnvelopeAllButKey retries every code but an invalid key: an expired
// token among them, with no refresh.
func (c *Client) usageEnvelopeAllButKey(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if env.Error.Code == "" {
			return nil
		}
		if env.Error.Code == "AUTH_INVALID_KEY" {
			return errors.New("usage: invalid API key")
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return errors.New("usage: out of attempts")
}
