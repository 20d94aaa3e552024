package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"sdk"
)

// authProblem guesses from the error text.
func authProblem(err error) bool {
	return strings.Contains(err.Error(), "expired")
}

// renewUnknownPredicate is correct as far as the analyzer can tell: the
// retry hangs on a predicate it cannot resolve.
func renewUnknownPredicate(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && authProblem(err) {
			time.Sleep(time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("renew: out of attempts")
}

// usageTransportOnly is correct: only transport errors are retried; a 401
// returns.
func (c *Client) usageTransportOnly(ctx context.Context, id string) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/sessions/"+id+"/usage", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return lastErr
}
