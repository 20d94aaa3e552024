package shapes

import (
	"context"
	"errors"
	"log"
	"net/http"
	"sync"
	"time"
)

// Credentials is a bot framework's credential store.
type Credentials interface {
	Refresh(ctx context.Context) (string, error)
	Current() string
}

// tokenCache keeps the last token per audience.
type tokenCache struct {
	mu   sync.Mutex
	toks map[string]string
}

func (t *tokenCache) forget(aud string) {
	t.mu.Lock()
	delete(t.toks, aud)
	t.mu.Unlock()
}

// bot calls a chat API with a bearer token.
type bot struct {
	http  *http.Client
	creds Credentials
	cache *tokenCache
	// renewToken is set by the owner: it asks the identity service for a
	// new token.
	renewToken func(ctx context.Context) (string, error)
	token      string
}

// postCurrent retries a 401 with the token it already had.
func (b *bot) postCurrent(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+b.creds.Current())
		resp, err := b.http.Do(req)
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
	return nil, errors.New("unauthorized")
}

// postForgets drops the cached token but never gets a new one.
func (b *bot) postForgets(ctx context.Context, url, aud string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+b.token)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			b.cache.forget(aud)
			log.Printf("401 from %s, retrying", url)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// postStaleHeader refreshes through the store but resends the request
// whose header was set before the loop.
func (b *bot) postStaleHeader(ctx context.Context, url string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	req.Header.Set("Authorization", "Bearer "+b.creds.Current())
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if _, err := b.creds.Refresh(ctx); err != nil {
				return nil, err
			}
			continue // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// postStaleCopy refreshes through the function field but sets the header
// from a copy of the token taken before the loop.
func (b *bot) postStaleCopy(ctx context.Context, url string) (*http.Response, error) {
	tok := b.token
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if _, err := b.renewToken(ctx); err != nil {
				return nil, err
			}
			continue // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// Near misses.

// postRefreshes refreshes through the store's interface and sets the
// header from the new token.
func (b *bot) postRefreshes(ctx context.Context, url string) (*http.Response, error) {
	tok := b.creds.Current()
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			var rerr error
			if tok, rerr = b.creds.Refresh(ctx); rerr != nil {
				return nil, rerr
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// postRenewField renews through the function field the owner set and
// stores the token the next request reads.
func (b *bot) postRenewField(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+b.token)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			tok, err := b.renewToken(ctx)
			if err != nil {
				return nil, err
			}
			b.token = tok
			continue
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// reauthenticate is the bot's own login.
func (b *bot) reauthenticate(ctx context.Context) error {
	tok, err := b.renewToken(ctx)
	if err != nil {
		return err
	}
	b.token = tok
	return nil
}

// postLocalLogin logs in again through a method of its own.
func (b *bot) postLocalLogin(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+b.token)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := b.reauthenticate(ctx); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// postGivesUp returns the 401.
func (b *bot) postGivesUp(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+b.token)
		resp, err := b.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			return nil, errors.New("unauthorized")
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
