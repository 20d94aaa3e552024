package backoff

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

// renewGoto jumps back on an upstream failure after a fixed pause.
func renewGoto(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	if classify.IsUpstream(err) && tries < 4 {
		tries++
		wait.Pause()
		goto again // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
	}
	return s, err
}

// renewGotoBackoff is correct: the pause doubles before each jump.
func renewGotoBackoff(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	if classify.IsUpstream(err) && tries < 4 {
		tries++
		wait.SleepBackoff(tries)
		goto again
	}
	return s, err
}

// rotateBatch starts the batch again on an upstream failure after a fixed
// pause: labeled continue.
func rotateBatch(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				if errors.Is(err, apierr.ErrUpstream) {
					wait.Pause()
					continue batch // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// rotateBatchBackoff is correct: the pause grows exponentially per round.
func rotateBatchBackoff(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				if errors.Is(err, apierr.ErrUpstream) {
					wait.SleepBackoff(round)
					continue batch
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// balanceRecursive calls itself on an upstream failure after a linear
// delay.
func balanceRecursive(ctx context.Context, c *apiclient.Client, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	if classify.IsTransient(err) && attempt < 3 {
		wait.SleepLinear(attempt)
		return balanceRecursive(ctx, c, attempt+1) // want `retry of BACKEND_ERROR with a linear delay: grow the delay exponentially per attempt`
	}
	return b, err
}

// balanceRecursiveBackoff is correct: the delay is exponential.
func balanceRecursiveBackoff(ctx context.Context, c *apiclient.Client, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	if classify.IsTransient(err) && attempt < 3 {
		wait.SleepBackoff(attempt)
		return balanceRecursiveBackoff(ctx, c, attempt+1)
	}
	return b, err
}

// balanceFlag keeps the predicate's answer in a flag; the pause is fixed.
func balanceFlag(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	upstream := true
	for attempt := 0; upstream && attempt < 5; attempt++ {
		b, err = c.GetBalance(ctx) // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		upstream = classify.IsUpstream(err)
		if upstream {
			wait.Pause()
		}
	}
	return b, err
}

// balanceFlagBackoff is correct: the same flag with a delay that doubles.
func balanceFlagBackoff(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	upstream := true
	for attempt := 0; upstream && attempt < 5; attempt++ {
		b, err = c.GetBalance(ctx)
		upstream = classify.IsUpstream(err)
		if upstream {
			wait.SleepBackoff(attempt)
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

// productsByCodePause retries the codes a predicate accepts after a fixed
// pause.
func productsByCodePause(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
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
			wait.Pause()
			continue // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: out of attempts")
}

// productsByCodeBackoff is correct: the same predicate, with a helper's
// exponential delay.
func productsByCodeBackoff(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
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
			continue
		}
		return nil, fmt.Errorf("list products: %s", env.Error.Code)
	}
	return nil, errors.New("list products: out of attempts")
}
