package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"sdk"
)

// sessionUsage jumps back on a 404, as if the session could appear.
func (c *Client) sessionUsage(ctx context.Context, id string) ([]byte, error) {
	attempt := 0
retry:
	resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound && attempt < 3 {
		attempt++
		time.Sleep(time.Second)
		goto retry // want `retry of 404, which is never retryable: check the resource ID and return the error`
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("usage of %s: status %d", id, resp.StatusCode)
	}
	return body, nil
}

// sessionUsageBackoff is correct: it jumps back only on 502 and 504, with
// a delay that doubles.
func (c *Client) sessionUsageBackoff(ctx context.Context, id string) ([]byte, error) {
	attempt := 0
	delay := 200 * time.Millisecond
retry:
	resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) && attempt < 4 {
		attempt++
		time.Sleep(delay)
		delay *= 2
		goto retry
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("usage of %s: status %d", id, resp.StatusCode)
	}
	return body, nil
}

// createOnce gives up only on an idempotency conflict and jumps back on
// every other failure.
func createOnce(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	tries := 0
again:
	s, err := c.CreateSession(ctx, req)
	if err != nil {
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeIdempotencyConflict {
			return nil, err
		}
		if tries < 3 {
			tries++
			time.Sleep(time.Duration(tries) * time.Second)
			goto again // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		}
		return nil, err
	}
	return s, nil
}

// createOnceBackoff is correct: only upstream codes jump back.
func createOnceBackoff(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	tries := 0
again:
	s, err := c.CreateSession(ctx, req)
	if err != nil {
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) && tries < 3 {
			time.Sleep((100 * time.Millisecond) << tries)
			tries++
			goto again
		}
		return nil, err
	}
	return s, nil
}
