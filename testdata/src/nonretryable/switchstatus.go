package nonretryable

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"sdk"
)

// sessionStatus treats 404 like 503 in a status switch.
func (c *Client) sessionStatus(ctx context.Context, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusOK:
			return decodeSession(resp)
		case http.StatusNotFound, http.StatusServiceUnavailable:
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		default:
			resp.Body.Close()
			return nil, fmt.Errorf("session %s: status %d", id, resp.StatusCode)
		}
	}
	return nil, errors.New("session: out of attempts")
}

// sessionStatusRanges is correct: a tagless switch over ranges retries 5xx
// and 429, and returns every other 4xx.
func (c *Client) sessionStatusRanges(ctx context.Context, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			return decodeSession(resp)
		case resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode >= 500:
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		case resp.StatusCode >= 400:
			resp.Body.Close()
			return nil, fmt.Errorf("session %s: status %d", id, resp.StatusCode)
		}
		resp.Body.Close()
		return nil, fmt.Errorf("session %s: unexpected status %d", id, resp.StatusCode)
	}
	return nil, errors.New("session: out of attempts")
}

// sessionStatusClientErrors retries the whole 4xx range except 401.
func (c *Client) sessionStatusClientErrors(ctx context.Context, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			return decodeSession(resp)
		case resp.StatusCode == http.StatusUnauthorized:
			resp.Body.Close()
			return nil, errors.New("session: unauthorized")
		case resp.StatusCode >= 400 && resp.StatusCode < 500:
			resp.Body.Close()
			time.Sleep(2 * time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		resp.Body.Close()
		return nil, fmt.Errorf("session %s: status %d", id, resp.StatusCode)
	}
	return nil, errors.New("session: out of attempts")
}
