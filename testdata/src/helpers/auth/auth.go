// Package auth obtains the bearer tokens of a client of the
// proxy-session API. The want comments are the refresher facts.
package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"helpers/apiclient"
)

// Source holds the current token.
type Source struct { // want Source:`^Refresh: refresh$`
	HTTP    *http.Client
	BaseURL string

	mu    sync.Mutex
	token string
}

// Token returns the current token.
func (s *Source) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// Refresh exchanges the current token for a fresh one and stores it.
func (s *Source) Refresh(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.BaseURL+"/v1/auth/refresh", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.Token())
	resp, err := s.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("refresh token: status %d", resp.StatusCode)
	}
	var out struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	s.mu.Lock()
	s.token = out.Data.Token
	s.mu.Unlock()
	return nil
}

// Login exchanges an API key and secret for a token and returns it.
func Login(ctx context.Context, c *http.Client, baseURL, key, secret string) (string, error) { // want Login:`^refresh$`
	body, err := json.Marshal(map[string]string{"api_key": key, "api_secret": secret})
	if err != nil {
		return "", err
	}
	resp, err := c.Post(baseURL+"/v1/auth/token", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Data.Token, nil
}

// RefreshClient refreshes the token an SDK client sends, through the
// refresher above: a refresher by its call of another.
func RefreshClient(ctx context.Context, c *apiclient.Client, src *Source) error { // want RefreshClient:`^refresh$`
	if err := src.Refresh(ctx); err != nil {
		return err
	}
	c.Token = src.Token()
	return nil
}

// Reconnect drops idle connections; it does not renew the token and gets
// no fact.
func Reconnect(c *apiclient.Client) {
	c.HTTP.CloseIdleConnections()
}
