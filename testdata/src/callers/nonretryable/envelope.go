package nonretryable

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/classify"
	"helpers/wait"
)

// productEnvelope is the failure envelope the callers decode themselves.
type productEnvelope struct {
	Data  []apiclient.Product `json:"data"`
	Error struct {
		Code string `json:"code"`
	} `json:"error"`
}

// productsByCodeLoose decodes the envelope and asks a predicate on its
// code, which accepts every code but the two auth failures.
func productsByCodeLoose(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var env productEnvelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if env.Error.Code == "" {
			return env.Data, nil
		}
		if classify.RetryableCodeLoose(env.Error.Code) {
			wait.SleepBackoff(attempt)
			continue // want `retry of AUTH_INSUFFICIENT_PERMISSION, which is never retryable: check the API key's scope and return the error`
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: out of attempts")
}

// productsByCodeLooseOrInvalid returns on INVALID_REQUEST itself and asks
// the loose predicate about every other code.
func productsByCodeLooseOrInvalid(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var env productEnvelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch {
		case env.Error.Code == "":
			return env.Data, nil
		case env.Error.Code == "INVALID_REQUEST":
			return nil, errors.New("list products: invalid request")
		case classify.RetryableCodeLoose(env.Error.Code):
			wait.SleepBackoff(attempt)
			continue // want `retry of AUTH_INSUFFICIENT_PERMISSION, which is never retryable: check the API key's scope and return the error`
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: out of attempts")
}

// productsByCode is correct: the predicate on the code accepts rate limits
// and upstream failures only.
func productsByCode(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var env productEnvelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if env.Error.Code == "" {
			return env.Data, nil
		}
		if !classify.RetryableCode(env.Error.Code) {
			return nil, fmt.Errorf("list products: %s", env.Error.Code)
		}
		wait.SleepBackoff(attempt)
	}
	return nil, errors.New("list products: out of attempts")
}
