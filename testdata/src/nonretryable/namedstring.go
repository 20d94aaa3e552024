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

// errorCode mirrors the API's codes in this hand-written client.
type errorCode string

const (
	errRateLimited    errorCode = "RATE_LIMIT_EXCEEDED"
	errBackend        errorCode = "BACKEND_ERROR"
	errBackendTimeout errorCode = "BACKEND_TIMEOUT"
	errSessionMissing errorCode = "SESSION_NOT_FOUND"
	errOutOfStock     errorCode = "PRODUCT_OUT_OF_STOCK"
)

// apiError is the error of the hand-written client.
type apiError struct {
	Code    errorCode `json:"code"`
	Message string    `json:"message"`
	Status  int       `json:"-"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// call sends one request and turns a failure envelope into *apiError.
func (c *Client) call(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := c.newRequest(ctx, method, path, body)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		Data  json.RawMessage `json:"data"`
		Error *apiError       `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return err
	}
	if env.Error != nil {
		env.Error.Status = resp.StatusCode
		return env.Error
	}
	return json.Unmarshal(env.Data, out)
}

// rotate retries a missing session with the transient codes.
func (c *Client) rotate(ctx context.Context, id string) (*sdk.Session, error) {
	var s sdk.Session
	for attempt := 0; attempt < 5; attempt++ {
		err := c.call(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil, &s)
		if err == nil {
			return &s, nil
		}
		var ae *apiError
		if errors.As(err, &ae) {
			switch ae.Code {
			case errRateLimited, errBackend, errBackendTimeout, errSessionMissing:
				time.Sleep(time.Duration(attempt+1) * time.Second)
				continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
			}
		}
		return nil, err
	}
	return nil, errors.New("rotate: out of attempts")
}

// rotateTransient is correct: the named codes it retries are all transient.
func (c *Client) rotateTransient(ctx context.Context, id string) (*sdk.Session, error) {
	var s sdk.Session
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		err := c.call(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil, &s)
		if err == nil {
			return &s, nil
		}
		var ae *apiError
		if errors.As(err, &ae) && (ae.Code == errBackend || ae.Code == errBackendTimeout) {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return nil, err
	}
	return nil, errors.New("rotate: out of attempts")
}

// createUnlessBadInput keeps the SDK's named code in a variable and
// retries every code it does not list.
func createUnlessBadInput(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			return nil, err
		}
		switch code := apiErr.Code; code {
		case sdk.CodeAuthInvalidKey, sdk.CodeAuthInsufficientPermission, sdk.CodeAccountDisabled, sdk.CodeInsufficientBalance, sdk.CodeInvalidRequest:
			return nil, fmt.Errorf("create session: %s", code)
		default:
			time.Sleep(2 * time.Second)
			continue // want `retry of SESSION_NOT_FOUND, which is never retryable: check the session ID and return the error`
		}
	}
	return nil, errors.New("create session: out of attempts")
}

// createOutOfStockConverted is correct: it converts the decoded string to
// the SDK's named type and retries only PRODUCT_OUT_OF_STOCK, which may be
// retried.
func (c *Client) createOutOfStockConverted(ctx context.Context, body []byte) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions", body)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  sdk.Session `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusCreated {
			return &env.Data, nil
		}
		if sdk.ErrorCode(env.Error.Code) == sdk.CodeProductOutOfStock {
			time.Sleep(10 * time.Second)
			continue
		}
		return nil, fmt.Errorf("create session: %s", env.Error.Code)
	}
	return nil, errors.New("create session: still out of stock")
}

// retryOutOfStock is correct: the local named code retried is
// PRODUCT_OUT_OF_STOCK (409), which the API says may be retried.
func (c *Client) retryOutOfStock(ctx context.Context, body []byte) (*sdk.Session, error) {
	var s sdk.Session
	for attempt := 0; attempt < 3; attempt++ {
		err := c.call(ctx, http.MethodPost, "/v1/sessions", body, &s)
		var ae *apiError
		if errors.As(err, &ae) && ae.Code == errOutOfStock {
			time.Sleep(15 * time.Second)
			continue
		}
		if err != nil {
			return nil, err
		}
		return &s, nil
	}
	return nil, errors.New("create session: still out of stock")
}
