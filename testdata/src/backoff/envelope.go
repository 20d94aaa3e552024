package backoff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// recommendEnvelope reads the error code best-effort and retries
// BACKEND_ERROR at once.
func (c *Client) recommendEnvelope(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return nil
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Error.Code == "BACKEND_ERROR" {
			continue // want `retry of BACKEND_ERROR with no delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("recommend: %s", env.Error.Code)
	}
	return errors.New("recommend: upstream failing")
}

// recommendEnvelopeBackoff is correct: the upstream codes wait a delay
// that doubles.
func (c *Client) recommendEnvelopeBackoff(ctx context.Context, body []byte) error {
	delay := 200 * time.Millisecond
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return err
		}
		switch env.Error.Code {
		case "":
			return nil
		case "BACKEND_ERROR", "BACKEND_TIMEOUT":
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return fmt.Errorf("recommend: %s", env.Error.Code)
	}
	return errors.New("recommend: upstream failing")
}

// recommendEnvelopeTimeoutFixed retries BACKEND_TIMEOUT every two seconds.
func (c *Client) recommendEnvelopeTimeoutFixed(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return err
		}
		switch env.Error.Code {
		case "":
			return nil
		case "BACKEND_TIMEOUT":
			time.Sleep(2 * time.Second)
			continue // want `retry of BACKEND_TIMEOUT with a constant delay: grow the delay exponentially per attempt`
		}
		return fmt.Errorf("recommend: %s", env.Error.Code)
	}
	return errors.New("recommend: upstream timing out")
}
