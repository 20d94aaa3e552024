package backoffv5

import (
	"context"
	"errors"
	"time"

	"github.com/cenkalti/backoff/v5"

	"libs/apiclient"
)

// usageNoTimeLimit lifts backoff's 15-minute limit and sets no number of
// tries, under a context that is never cancelled.
func usageNoTimeLimit(c *apiclient.Client, id string) (*apiclient.Session, error) {
	ctx := context.Background()
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		s, err := c.GetSession(context.Background(), id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxElapsedTime(0)) // want `retry library set to retry without end retries BACKEND_ERROR forever: give it a number of attempts, or a context that is cancelled`
}

// usageNoTimeLimitTries lifts the time limit but caps the tries. Silent.
func usageNoTimeLimitTries(c *apiclient.Client, id string) (*apiclient.Session, error) {
	return backoff.Retry(context.Background(), func() (*apiclient.Session, error) {
		s, err := c.GetSession(context.Background(), id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxElapsedTime(0), backoff.WithMaxTries(6))
}

// usageCallerContext lifts the time limit under the caller's context,
// which may be cancelled. Silent.
func usageCallerContext(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		s, err := c.GetSession(ctx, id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxElapsedTime(0))
}

// usageDefaultLimit keeps the default 15-minute limit. Silent.
func usageDefaultLimit(c *apiclient.Client, id string) (*apiclient.Session, error) {
	return backoff.Retry(context.Background(), func() (*apiclient.Session, error) {
		s, err := c.GetSession(context.Background(), id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeBackendError && apiErr.Code != apiclient.CodeBackendTimeout {
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxElapsedTime(10*time.Minute))
}
