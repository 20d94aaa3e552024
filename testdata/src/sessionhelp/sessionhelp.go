// Package sessionhelp holds helpers of an agent runtime that the session
// cases call from another package: a function that replaces an expired
// session, one that frees a slot of the session pool, a reporter that
// sends the API request, and a retry helper that tries again on an
// expired session.
package sessionhelp

import (
	"context"
	"errors"
	"time"

	"sdk"
)

// Pool keeps the sessions an agent holds.
type Pool struct { // want Pool:`^FreeOldest: [^;]*terminates session[^;]*$`
	Client *sdk.Client
	IDs    []string
}

// Replace creates a session in place of an expired one.
func Replace(ctx context.Context, c *sdk.Client, productID string) (*sdk.Session, error) { // want Replace:`new session`
	return c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: productID, DurationMinutes: 30})
}

// FreeOldest terminates the oldest session of the pool.
func (p *Pool) FreeOldest(ctx context.Context) error {
	if len(p.IDs) == 0 {
		return errors.New("pool is empty")
	}
	id := p.IDs[0]
	p.IDs = p.IDs[1:]
	return p.Client.TerminateSession(ctx, id)
}

// Report sends a telemetry event for a session.
func Report(ctx context.Context, c *sdk.Client, id string, ev sdk.Event) error { // want Report:`attempt\(api errors\)`
	_, err := c.ReportEvent(ctx, id, ev)
	return err
}

// OnExpired calls fn again, up to three times, while it fails because the
// session expired, waiting a second between the calls.
func OnExpired(ctx context.Context, fn func() error) error { // want OnExpired:`retries\(param 1\)`
	var err error
	for i := 0; i < 3; i++ {
		err = fn()
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != sdk.CodeSessionExpired {
			return err
		}
		time.Sleep(time.Second)
	}
	return err
}
