package retrygo

import (
	"context"
	"fmt"
	"net/http"

	"github.com/avast/retry-go/v4"

	"libs/apiclient"
)

// pollForever retries 5xx with Attempts(0) and no Context: nothing ends
// it while the API keeps failing.
func pollForever(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Do(func() error {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return retry.Unrecoverable(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return retry.Unrecoverable(fmt.Errorf("session: status %d", resp.StatusCode))
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("session: status %d", resp.StatusCode)
		}
		return nil
	}, retry.Attempts(0)) // want `retry library set to retry without end retries 500 forever: give it a number of attempts, or a context that is cancelled`
}

// pollUntilCancelled is the same with a Context: cancelling it ends the
// retries. Silent.
func pollUntilCancelled(ctx context.Context, c *apiclient.Client, id string) error {
	return retry.Do(func() error {
		req, err := c.NewRequest(ctx, http.MethodGet, "/v1/sessions/"+id, nil)
		if err != nil {
			return retry.Unrecoverable(err)
		}
		resp, err := c.HTTP.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return retry.Unrecoverable(fmt.Errorf("session: status %d", resp.StatusCode))
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("session: status %d", resp.StatusCode)
		}
		return nil
	}, retry.Attempts(0), retry.Context(ctx))
}
