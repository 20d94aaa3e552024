package retryafter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/classify"
	"helpers/wait"
)

// renewGoto jumps back on a rate limit after a helper's linear pause.
func renewGoto(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	if classify.IsRateLimited(err) && tries < 4 {
		tries++
		wait.SleepLinear(tries)
		goto again // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return s, err
}

// renewGotoWaits is correct: it waits for the error's Retry-After before
// jumping back.
func renewGotoWaits(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	var e *apierr.APIError
	if classify.IsRateLimited(err) && errors.As(err, &e) && tries < 4 {
		tries++
		wait.WaitFor(e)
		goto again
	}
	return s, err
}

// rotateBatch starts the batch again on a rate limit after a fixed pause:
// labeled continue.
func rotateBatch(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				if errors.Is(err, apierr.ErrRateLimited) {
					wait.Pause()
					continue batch // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// rotateBatchWaits is correct: the batch starts again after the error's
// Retry-After.
func rotateBatchWaits(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				var e *apierr.APIError
				if errors.Is(err, apierr.ErrRateLimited) && errors.As(err, &e) {
					wait.WaitFor(e)
					continue batch
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// balanceRecursive calls itself on a rate limit after an exponential delay.
func balanceRecursive(ctx context.Context, c *apiclient.Client, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	if classify.IsRateLimited(err) && attempt < 3 {
		wait.SleepBackoff(attempt)
		return balanceRecursive(ctx, c, attempt+1) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
	}
	return b, err
}

// balanceRecursiveWaits is correct: it waits for the error's Retry-After
// before calling itself.
func balanceRecursiveWaits(ctx context.Context, c *apiclient.Client, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	var e *apierr.APIError
	if classify.IsRateLimited(err) && errors.As(err, &e) && attempt < 3 {
		wait.WaitFor(e)
		return balanceRecursiveWaits(ctx, c, attempt+1)
	}
	return b, err
}

// balanceFlag keeps the predicate's answer in a flag; the pause is fixed.
func balanceFlag(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	limited := true
	for attempt := 0; limited && attempt < 5; attempt++ {
		b, err = c.GetBalance(ctx) // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		limited = classify.IsRateLimited(err)
		if limited {
			wait.Pause()
		}
	}
	return b, err
}

// balanceFlagWaits is correct: the same flag, and the wait is the error's
// Retry-After.
func balanceFlagWaits(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	limited := true
	for attempt := 0; limited && attempt < 5; attempt++ {
		b, err = c.GetBalance(ctx)
		var e *apierr.APIError
		limited = classify.IsRateLimited(err) && errors.As(err, &e)
		if limited {
			wait.WaitFor(e)
		}
	}
	return b, err
}

// productsEnvelope is the failure envelope the callers decode themselves.
type productsEnvelope struct {
	Data  []apiclient.Product `json:"data"`
	Error struct {
		Code string `json:"code"`
	} `json:"error"`
}

// productsByCode retries the codes a predicate accepts, rate limits
// included, with an exponential delay.
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
		var env productsEnvelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if env.Error.Code == "" {
			return env.Data, nil
		}
		if classify.RetryableCode(env.Error.Code) {
			wait.SleepBackoff(attempt)
			continue // want `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: out of attempts")
}

// productsByCodeHeader is correct: of the codes the predicate accepts, a
// rate limit waits for the response's Retry-After, read by a helper.
func productsByCodeHeader(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		var env productsEnvelope
		err = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		switch {
		case env.Error.Code == "":
			return env.Data, nil
		case env.Error.Code == "RATE_LIMIT_EXCEEDED":
			wait.Sleep(ctx, wait.RetryAfterOr(resp))
		case classify.RetryableCode(env.Error.Code):
			wait.SleepBackoff(attempt)
		default:
			return nil, fmt.Errorf("list products: %s", env.Error.Code)
		}
	}
	return nil, errors.New("list products: out of attempts")
}
