package nonretryable

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"sdk"
)

// createInAnyRegion tries each region in turn and starts over from the
// first region on a 403, which never changes by waiting.
func (c *Client) createInAnyRegion(ctx context.Context, body []byte, key string) (*http.Response, error) {
attempts:
	for attempt := 0; attempt < 3; attempt++ {
		for _, base := range c.regions {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/sessions", bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("X-API-Key", c.apiKey)
			req.Header.Set("Idempotency-Key", key)
			resp, err := c.http.Do(req)
			if err != nil {
				continue // next region
			}
			switch resp.StatusCode {
			case http.StatusOK, http.StatusCreated:
				return resp, nil
			case http.StatusForbidden: // the key may not have reached this region yet
				resp.Body.Close()
				time.Sleep(5 * time.Second)
				continue attempts // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
			}
			resp.Body.Close()
			return nil, fmt.Errorf("create session in %s: status %d", base, resp.StatusCode)
		}
	}
	return nil, errors.New("create session: every region failed")
}

// createInAnyRegionBackoff is correct: it starts over only on upstream
// failures; every other status returns.
func (c *Client) createInAnyRegionBackoff(ctx context.Context, body []byte, key string) (*http.Response, error) {
	delay := time.Second
attempts:
	for attempt := 0; attempt < 3; attempt++ {
		for _, base := range c.regions {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/sessions", bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("X-API-Key", c.apiKey)
			req.Header.Set("Idempotency-Key", key)
			resp, err := c.http.Do(req)
			if err != nil {
				continue // next region
			}
			resp.Body.Close()
			switch resp.StatusCode {
			case http.StatusOK, http.StatusCreated:
				return resp, nil
			case http.StatusBadGateway, http.StatusGatewayTimeout:
				time.Sleep(delay)
				delay *= 2
				continue attempts
			}
			return nil, fmt.Errorf("create session in %s: status %d", base, resp.StatusCode)
		}
	}
	return nil, errors.New("create session: every region failed")
}

// createPreferred walks the preferred products, moving on when one is out
// of stock, and starts the whole walk again on any other failure.
func createPreferred(ctx context.Context, c *sdk.Client, products []string) (*sdk.Session, error) {
	var lastErr error
outer:
	for round := 0; round < 3; round++ {
		for _, p := range products {
			s, err := c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: p, DurationMinutes: 60})
			if err == nil {
				return s, nil
			}
			lastErr = err
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeProductOutOfStock {
				continue
			}
			time.Sleep(time.Second)
			continue outer // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		}
	}
	return nil, lastErr
}

// createPreferredStock is correct: only a round in which every product was
// out of stock (409, worth retrying) starts again; other errors return.
func createPreferredStock(ctx context.Context, c *sdk.Client, products []string) (*sdk.Session, error) {
	var lastErr error
outer:
	for round := 0; round < 3; round++ {
		for _, p := range products {
			s, err := c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: p, DurationMinutes: 60})
			if err == nil {
				return s, nil
			}
			lastErr = err
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeProductOutOfStock {
				if p == products[len(products)-1] {
					time.Sleep(30 * time.Second)
					continue outer
				}
				continue
			}
			return nil, err
		}
	}
	return nil, lastErr
}

// createBreakOnBalance is correct: a labeled break leaves the retry loop on
// a low balance, and only the upstream codes go round again.
func createBreakOnBalance(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	var lastErr error
retry:
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		lastErr = err
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			break
		}
		switch apiErr.Code {
		case sdk.CodeBackendError, sdk.CodeBackendTimeout:
			time.Sleep(time.Duration(1<<attempt) * time.Second)
		default:
			break retry
		}
	}
	return nil, fmt.Errorf("create session: %w", lastErr)
}
