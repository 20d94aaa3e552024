package retrygo

import (
	"context"
	"errors"
	"strings"

	"github.com/avast/retry-go/v4"

	"libs/apiclient"
)

// balanceByText lets retry-go retry what the error's text calls an
// upstream failure, while the error carries its code.
func balanceByText(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return retry.DoWithData(func() (*apiclient.Balance, error) {
		return c.GetBalance(ctx)
	},
		retry.Context(ctx),
		retry.Attempts(3),
		retry.RetryIf(func(err error) bool {
			return strings.Contains(err.Error(), "upstream") // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
		}),
	)
}

// balanceByCode decides on the code and keeps the text for the log.
func balanceByCode(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	return retry.DoWithData(func() (*apiclient.Balance, error) {
		return c.GetBalance(ctx)
	},
		retry.Context(ctx),
		retry.Attempts(3),
		retry.RetryIf(func(err error) bool {
			var apiErr *apiclient.APIError
			return errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeBackendError
		}),
		retry.OnRetry(func(n uint, err error) {
			_ = strings.TrimSpace(err.Error())
		}),
	)
}
