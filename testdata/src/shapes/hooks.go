package shapes

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Clients hand the refresh to a hook they were configured with: a
// function-valued field or parameter. What it runs is not known; its name
// says whether it may obtain a new token.

// hooked calls a configured hook when the token has expired.
type hooked struct {
	hc                 *http.Client
	token              string
	onExpired          func() error
	handleUnauthorized func(ctx context.Context) error
	notify             func(status int)
}

// getNotifyOnly tells a hook about the 401 and retries: the hook's name
// says nothing of a token.
func (h *hooked) getNotifyOnly(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+h.token)
		resp, err := h.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			h.notify(resp.StatusCode)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getHookElsewhere calls the expiry hook on 503 only, and retries 401
// without it.
func (h *hooked) getHookElsewhere(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+h.token)
		resp, err := h.hc.Do(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusServiceUnavailable:
			resp.Body.Close()
			if err := h.onExpired(); err != nil {
				return nil, err
			}
			time.Sleep(time.Second << attempt)
			continue
		case http.StatusUnauthorized:
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// getOnExpired runs the expiry hook before the next attempt.
func (h *hooked) getOnExpired(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+h.token)
		resp, err := h.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := h.onExpired(); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getHandleUnauthorized hands the 401 to its handler.
func (h *hooked) getHandleUnauthorized(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+h.token)
		resp, err := h.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := h.handleUnauthorized(ctx); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getWithCredentials asks a parameter for fresh credentials.
func getWithCredentials(ctx context.Context, hc *http.Client, url string, getCredentials func(context.Context) (string, error)) (*http.Response, error) {
	tok, err := getCredentials(ctx)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 2; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if tok, err = getCredentials(ctx); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
