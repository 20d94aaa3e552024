package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"sdk"
)

// transient guesses from the error text.
func transient(err error) bool {
	return strings.Contains(err.Error(), "BACKEND")
}

// createUnknownPredicate is correct as far as the analyzer can tell: the
// retry hangs on a predicate it cannot resolve.
func createUnknownPredicate(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && transient(err) {
			time.Sleep(time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// balanceTransportOnly is correct: only transport errors are retried, at a
// fixed pace; a 502 returns.
func (c *Client) balanceTransportOnly(ctx context.Context) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/billing/balance")
		if err != nil {
			lastErr = err
			time.Sleep(time.Second)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("balance: status %d", resp.StatusCode)
		}
		return nil
	}
	return lastErr
}
