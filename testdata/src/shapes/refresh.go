package shapes

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// TokenProvider hands out a token, refreshing it when it has expired.
type TokenProvider interface {
	Token(ctx context.Context) (string, error)
}

// Authenticator renews credentials on demand.
type Authenticator interface {
	RenewAccessToken(ctx context.Context) error
}

// authed sends with a token from a provider, set on each request.
type authed struct {
	c      *http.Client
	tokens TokenProvider
	auth   Authenticator
}

// getWithProvider asks the provider for a token on every attempt, so a
// 401 is retried with whatever the provider hands out. Silent.
func (a *authed) getWithProvider(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := a.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			tok, err := a.tokens.Token(ctx)
			if err != nil {
				return nil, err
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getWithRenew renews through the Authenticator before retrying 401.
// Silent.
func (a *authed) getWithRenew(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := a.auth.RenewAccessToken(ctx); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getWithoutRenew retries 401 after a pause, with the same credentials.
func (a *authed) getWithoutRenew(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Cache is an interface with a Token method that is no token source.
type Cache interface {
	Token(key string) string
}

// getWithCache looks a value up in a cache named Cache: that is no
// refresh, and the 401 is retried with the old token.
func getWithCache(c *http.Client, cache Cache, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			_ = cache.Token("session")
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
