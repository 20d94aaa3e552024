package nonretryable

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"sdk"
)

// getSessionAfterCreate treats a 404 as replication lag and retries it.
// The flag is set in a switch and tested after it.
func (c *Client) getSessionAfterCreate(ctx context.Context, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id) // want `retry of 404, which is never retryable: check the resource ID and return the error`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return decodeSession(resp)
		}
		resp.Body.Close()
		retry := false
		switch resp.StatusCode {
		case http.StatusNotFound: // the new session may not be visible yet
			retry = true
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			retry = true
		}
		if !retry {
			return nil, fmt.Errorf("get session %s: status %d", id, resp.StatusCode)
		}
		time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
	}
	return nil, fmt.Errorf("get session %s: out of attempts", id)
}

// getSessionFlagExits is correct: the flag is set only for upstream
// failures and conflicts; a 404 leaves it false and returns.
func (c *Client) getSessionFlagExits(ctx context.Context, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return decodeSession(resp)
		}
		resp.Body.Close()
		retry := false
		switch resp.StatusCode {
		case http.StatusConflict, http.StatusBadGateway, http.StatusGatewayTimeout:
			retry = true
		}
		if !retry {
			return nil, fmt.Errorf("get session %s: status %d", id, resp.StatusCode)
		}
		time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
	}
	return nil, fmt.Errorf("get session %s: out of attempts", id)
}

// renewUntilDone loops while a flag says so: for retry {}. A missing
// session sets the flag like an upstream timeout does.
func renewUntilDone(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var (
		s   *sdk.Session
		err error
	)
	retry := true
	for retry {
		retry = false
		s, err = c.RenewSession(ctx, id, 60) // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case sdk.CodeSessionNotFound, sdk.CodeBackendTimeout:
				retry = true
				time.Sleep(2 * time.Second)
			}
		}
	}
	return s, err
}

// renewFlagExits is correct: the flag is set only for the upstream codes,
// so SESSION_NOT_FOUND ends the loop with its error.
func renewFlagExits(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	var (
		s   *sdk.Session
		err error
	)
	retry := true
	delay := 500 * time.Millisecond
	for attempt := 0; retry && attempt < 5; attempt++ {
		retry = false
		s, err = c.RenewSession(ctx, id, 60)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case sdk.CodeBackendError, sdk.CodeBackendTimeout:
				retry = true
				time.Sleep(delay)
				delay *= 2
			}
		}
	}
	return s, err
}

// listProducts retries every code but two. Condition-only loop
// for attempt < n {}, envelope decoded into a local struct.
func (c *Client) listProducts(ctx context.Context) ([]sdk.Product, error) {
	attempt := 0
	for attempt < 3 {
		attempt++
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req) // want `retry of AUTH_INSUFFICIENT_PERMISSION, which is never retryable: check the API key's scope and return the error`
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  []sdk.Product `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return env.Data, nil
		}
		switch env.Error.Code {
		case "AUTH_INVALID_KEY", "ACCOUNT_DISABLED":
			return nil, fmt.Errorf("list products: %s", env.Error.Code)
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("list products: out of attempts")
}

// listProductsStopped is correct: a done flag set on every permanent code
// stops the loop before the next attempt.
func (c *Client) listProductsStopped(ctx context.Context) ([]sdk.Product, error) {
	attempt := 0
	done := false
	var lastCode string
	for !done && attempt < 3 {
		attempt++
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  []sdk.Product `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return env.Data, nil
		}
		lastCode = env.Error.Code
		switch env.Error.Code {
		case "BACKEND_ERROR", "BACKEND_TIMEOUT":
			time.Sleep(time.Duration(1<<attempt) * time.Second)
		default:
			done = true
		}
	}
	return nil, fmt.Errorf("list products: %s", lastCode)
}
