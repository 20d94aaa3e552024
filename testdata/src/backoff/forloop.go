package backoff

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"sdk"
)

// productsNoDelay goes straight into the next attempt on a 502.
func (c *Client) productsNoDelay(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway {
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("products: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("products: upstream failing")
}

// productsShift is correct: the delay is a base shifted by the attempt.
func (c *Client) productsShift(ctx context.Context) error {
	const base = 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(base << attempt)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("products: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("products: upstream failing")
}

// productsLinear multiplies by the attempt: the delay grows linearly.
func (c *Client) productsLinear(ctx context.Context) error {
	for attempt := 1; attempt <= 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(time.Duration(attempt) * time.Second)
			continue // want `retry of 502 with a linear delay: grow the delay exponentially per attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("products: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("products: upstream failing")
}

// productsPow is correct: math.Pow(2, attempt) seconds.
func (c *Client) productsPow(ctx context.Context) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(time.Duration(math.Pow(2, float64(attempt))) * time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("products: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("products: upstream failing")
}

// createConstant waits a fixed two seconds on BACKEND_ERROR.
func createConstant(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) {
			time.Sleep(2 * time.Second)
			continue // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: upstream failing")
}

// createDoubling is correct: the delay doubles after every attempt.
func createDoubling(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) {
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: upstream failing")
}

// createTimeoutOnly retries BACKEND_TIMEOUT with a delay that grows by a
// second per attempt.
func createTimeoutOnly(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendTimeout {
			time.Sleep(delay)
			delay += time.Second
			continue // want `retry of BACKEND_TIMEOUT with a linear delay: grow the delay exponentially per attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: upstream failing")
}

// createTimeoutDoubledByAssignment is correct: delay = delay * 2.
func createTimeoutDoubledByAssignment(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendTimeout {
			time.Sleep(delay)
			delay = delay * 2
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: upstream failing")
}

// createCapped is correct: the delay doubles up to a cap, as exponential
// backoff usually does.
func createCapped(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	const maxDelay = 30 * time.Second
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 8; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || (apiErr.Code != sdk.CodeBackendError && apiErr.Code != sdk.CodeBackendTimeout) {
			return nil, err
		}
		time.Sleep(delay)
		delay *= 2
		if delay > maxDelay {
			delay = maxDelay
		}
	}
	return nil, errors.New("create session: upstream failing")
}

// createCappedMin is correct: the same cap written with min.
func createCappedMin(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	const maxDelay = 30 * time.Second
	delay := 500 * time.Millisecond
	for attempt := 0; attempt < 8; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || (apiErr.Code != sdk.CodeBackendError && apiErr.Code != sdk.CodeBackendTimeout) {
			return nil, err
		}
		time.Sleep(delay)
		delay = min(delay*2, maxDelay)
	}
	return nil, errors.New("create session: upstream failing")
}

// createEverythingFixed retries every failure but the permanent ones with
// a fixed pause; the body falls off its end into the next attempt.
func createEverythingFixed(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var s *sdk.Session
		s, err = c.CreateSession(ctx, req) // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case sdk.CodeAuthInvalidKey, sdk.CodeInsufficientBalance, sdk.CodeInvalidRequest, sdk.CodeSessionNotFound:
				return nil, err
			}
		}
		time.Sleep(3 * time.Second)
	}
	return nil, err
}

// waitUntilActive is correct: it is not a retry; it polls successful reads
// at a fixed interval and returns on any failure.
func waitUntilActive(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		time.Sleep(2 * time.Second)
	}
}

// terminateAll is correct: the fixed pause paces a loop over sessions; no
// failed call is made again.
func terminateAll(ctx context.Context, c *sdk.Client, ids []string) error {
	for _, id := range ids {
		if err := c.TerminateSession(ctx, id); err != nil {
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendError {
				time.Sleep(time.Second)
				continue
			}
			return err
		}
	}
	return nil
}
