package backoffv4

import (
	"context"
	"errors"
	"time"

	"github.com/cenkalti/backoff/v4"

	"libs/apiclient"
)

// balanceConstantForever retries the upstream codes on a constant backoff,
// which never says stop, with nothing around it that does.
func balanceConstantForever(c *apiclient.Client) (*apiclient.Balance, error) {
	var bal *apiclient.Balance
	op := func() error {
		b, err := c.GetBalance(context.Background())
		if err == nil {
			bal = b
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeBackendError || apiErr.Code == apiclient.CodeBackendTimeout) {
			return err // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
		}
		return backoff.Permanent(err)
	}
	err := backoff.Retry(op, backoff.NewConstantBackOff(3*time.Second)) // want `retry library set to retry without end retries BACKEND_ERROR forever: give it a number of attempts, or a context that is cancelled`
	return bal, err
}

// balanceExponentialNoLimit lifts the exponential backoff's time limit.
func balanceExponentialNoLimit(c *apiclient.Client) (*apiclient.Balance, error) {
	var bal *apiclient.Balance
	op := func() error {
		b, err := c.GetBalance(context.Background())
		if err == nil {
			bal = b
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendTimeout {
			return err
		}
		return backoff.Permanent(err)
	}
	err := backoff.Retry(op, backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0))) // want `retry library set to retry without end retries BACKEND_TIMEOUT forever: give it a number of attempts, or a context that is cancelled`
	return bal, err
}

// balanceConstantCapped caps the constant backoff's retries. Silent.
func balanceConstantCapped(c *apiclient.Client) (*apiclient.Balance, error) {
	var bal *apiclient.Balance
	op := func() error {
		b, err := c.GetBalance(context.Background())
		if err == nil {
			bal = b
			return nil
		}
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendTimeout {
			return err
		}
		return backoff.Permanent(err)
	}
	b := backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0))
	err := backoff.Retry(op, backoff.WithMaxRetries(b, 5))
	return bal, err
}
