package goretry

import (
	"context"
	"errors"
	"time"

	"github.com/sethvargo/go-retry"

	"libs/apiclient"
)

// productsNoLimit retries the upstream codes with no WithMaxRetries or
// WithMaxDuration, under a context that is never cancelled.
func productsNoLimit(c *apiclient.Client) ([]apiclient.Product, error) {
	ctx := context.Background()
	var out []apiclient.Product
	err := retry.Do(ctx, retry.NewExponential(time.Second), func(ctx context.Context) error { // want `retry library set to retry without end retries BACKEND_ERROR forever: give it a number of attempts, or a context that is cancelled`
		ps, err := c.ListProducts(context.Background())
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendError {
			return retry.RetryableError(err)
		}
		out = ps
		return err
	})
	return out, err
}

// productsCapped caps the backoff. Silent.
func productsCapped(c *apiclient.Client) ([]apiclient.Product, error) {
	var out []apiclient.Product
	b := retry.WithMaxDuration(2*time.Minute, retry.NewExponential(time.Second))
	err := retry.Do(context.Background(), b, func(ctx context.Context) error {
		ps, err := c.ListProducts(context.Background())
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendError {
			return retry.RetryableError(err)
		}
		out = ps
		return err
	})
	return out, err
}

// productsCallerContext runs under the caller's context. Silent.
func productsCallerContext(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	var out []apiclient.Product
	err := retry.Do(ctx, retry.NewExponential(time.Second), func(ctx context.Context) error {
		ps, err := c.ListProducts(ctx)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendError {
			return retry.RetryableError(err)
		}
		out = ps
		return err
	})
	return out, err
}
