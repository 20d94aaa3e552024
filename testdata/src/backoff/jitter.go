package backoff

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"time"

	"sdk"
)

// backoffDelay is the delay before attempt n+1: a base doubled per attempt.
func backoffDelay(n int) time.Duration {
	return (100 * time.Millisecond) << n
}

// usageJitter is correct: the delay doubles per attempt and a random
// jitter of up to half of it is added.
func (c *Client) usageJitter(ctx context.Context, id string) error {
	delay := 200 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(delay + time.Duration(rand.Int63n(int64(delay/2))))
			delay *= 2
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream failing")
}

// usageFullJitter is correct: "full jitter", a random delay below a cap
// that doubles per attempt.
func (c *Client) usageFullJitter(ctx context.Context, id string) error {
	const base = 200 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := c.http.Get(c.baseURL + "/v1/sessions/" + id + "/usage")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(time.Duration(rand.Int63n(int64(base << attempt))))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("usage: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("usage: upstream failing")
}

// createHelperDelay is correct: a helper of this package computes the
// exponential delay.
func createHelperDelay(ctx context.Context, c *sdk.Client, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) {
			time.Sleep(backoffDelay(attempt))
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: upstream failing")
}
