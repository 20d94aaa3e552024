package backoff

import (
	"context"
	"errors"
	"time"

	"sdk"
)

// renewGoto jumps back on an upstream code after a fixed pause.
func renewGoto(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	tries := 0
again:
	s, err := c.RenewSession(ctx, id, 30)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) && tries < 3 {
		tries++
		time.Sleep(time.Second)
		goto again // want `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
	}
	return s, err
}

// renewGotoBackoff is correct: the pause doubles before each jump.
func renewGotoBackoff(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	tries := 0
	delay := 500 * time.Millisecond
again:
	s, err := c.RenewSession(ctx, id, 30)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) && tries < 3 {
		tries++
		time.Sleep(delay)
		delay *= 2
		goto again
	}
	return s, err
}
