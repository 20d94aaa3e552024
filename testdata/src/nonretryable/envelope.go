package nonretryable

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// errNoFunds is returned when the balance is too low.
var errNoFunds = errors.New("insufficient balance")

// recharge gives up on INSUFFICIENT_BALANCE only and retries every other
// code read from the envelope.
func (c *Client) recharge(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/billing/recharge", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		if env.Error.Code == "INSUFFICIENT_BALANCE" {
			return errNoFunds
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
		continue // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
	}
	return errors.New("recharge: out of attempts")
}

// recommend lists PRODUCT_NOT_FOUND among the codes it retries.
func (c *Client) recommend(ctx context.Context, body []byte) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  json.RawMessage `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch env.Error.Code {
		case "":
			return env.Data, nil
		case "BACKEND_ERROR", "BACKEND_TIMEOUT", "PRODUCT_NOT_FOUND": // the catalogue may be reloading
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of PRODUCT_NOT_FOUND, which is never retryable: list the products, pick a valid one and return the error`
		}
		return nil, fmt.Errorf("recommend: %s", env.Error.Code)
	}
	return nil, errors.New("recommend: out of attempts")
}

// recommendTransient is correct: the envelope codes it retries are the
// upstream ones; everything else returns.
func (c *Client) recommendTransient(ctx context.Context, body []byte) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  json.RawMessage `json:"data"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch env.Error.Code {
		case "":
			return env.Data, nil
		case "BACKEND_ERROR", "BACKEND_TIMEOUT":
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		default:
			return nil, fmt.Errorf("recommend: %s", env.Error.Code)
		}
	}
	return nil, errors.New("recommend: out of attempts")
}

// recommendByMessage is correct as far as the analyzer can tell: it
// branches on the human message, which it cannot resolve, so every
// failure's outcome is unknown.
func (c *Client) recommendByMessage(ctx context.Context, body []byte) ([]byte, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		var env struct {
			Data  json.RawMessage `json:"data"`
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
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
		if strings.Contains(env.Error.Message, "temporarily") {
			time.Sleep(time.Second)
			continue
		}
		return nil, fmt.Errorf("recommend: %s", env.Error.Code)
	}
	return nil, errors.New("recommend: out of attempts")
}
