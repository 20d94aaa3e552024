// Package sessions holds retries of an expired session and of a full
// session pool handed to the retry libraries, with the near misses that
// create a new session or terminate one between the attempts (in the
// operation, or in the library's notify hook).
package sessions

import (
	"context"
	"errors"
	"time"

	"github.com/avast/retry-go/v4"
	backoff4 "github.com/cenkalti/backoff/v4"
	"github.com/cenkalti/backoff/v5"
	goretry "github.com/sethvargo/go-retry"

	"libs/apiclient"
)

// agent holds one session of the API.
type agent struct {
	c       *apiclient.Client
	id      string
	product string
	oldest  string
}

// usageRetryIf lets retry-go try the expired session again.
func (a *agent) usageRetryIf(ctx context.Context) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		return a.c.GetSession(ctx, a.id)
	},
		retry.Context(ctx),
		retry.Attempts(4),
		retry.RetryIf(func(err error) bool {
			var apiErr *apiclient.APIError
			return errors.As(err, &apiErr) && (apiErr.Code == apiclient.CodeSessionExpired || apiErr.Code == apiclient.CodeBackendError) // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}),
	)
}

// rotatePermanentV4 marks every code but the expired session permanent.
func (a *agent) rotatePermanentV4(ctx context.Context) error {
	op := func() error {
		_, err := a.c.RotateSession(ctx, a.id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeSessionExpired {
			return backoff4.Permanent(err)
		}
		return err // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
	}
	return backoff4.Retry(op, backoff4.WithContext(backoff4.WithMaxRetries(backoff4.NewExponentialBackOff(), 4), ctx))
}

// createLimitV5 waits the server's Retry-After on a full pool.
func (a *agent) createLimitV5(ctx context.Context, key string) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		s, err := a.c.CreateSession(ctx, a.product, key)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == apiclient.CodeSessionLimitReached {
				return nil, backoff.RetryAfter(int(apiErr.RetryAfter / time.Second)) // want `retry of SESSION_LIMIT_REACHED without terminating a session: terminate an old session before the next attempt`
			}
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxTries(5))
}

// renewGoRetry marks the expired session retryable for go-retry.
func (a *agent) renewGoRetry(ctx context.Context) error {
	b := goretry.WithMaxRetries(3, goretry.NewExponential(500*time.Millisecond))
	return goretry.Do(ctx, b, func(ctx context.Context) error {
		_, err := a.c.GetSession(ctx, a.id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeSessionExpired {
			return goretry.RetryableError(err) // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return err
	})
}

// Near misses.

// usageOnRetryRecreates creates a new session in retry-go's OnRetry hook.
func (a *agent) usageOnRetryRecreates(ctx context.Context) (*apiclient.Session, error) {
	return retry.DoWithData(func() (*apiclient.Session, error) {
		return a.c.GetSession(ctx, a.id)
	},
		retry.Context(ctx),
		retry.Attempts(3),
		retry.RetryIf(func(err error) bool {
			var apiErr *apiclient.APIError
			return errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeSessionExpired
		}),
		retry.OnRetry(func(n uint, err error) {
			if s, cerr := a.c.CreateSession(ctx, a.product, "agent-"+a.id); cerr == nil {
				a.id = s.ID
			}
		}),
	)
}

// createNotifyTerminates frees a slot in backoff's notify hook.
func (a *agent) createNotifyTerminates(ctx context.Context, key string) error {
	op := func() error {
		_, err := a.c.CreateSession(ctx, a.product, key)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code != apiclient.CodeSessionLimitReached {
			return backoff4.Permanent(err)
		}
		return err
	}
	notify := func(err error, d time.Duration) {
		_ = a.c.TerminateSession(ctx, a.oldest)
	}
	return backoff4.RetryNotify(op, backoff4.WithMaxRetries(backoff4.NewExponentialBackOff(), 3), notify)
}

// rotateRecreatesInOp creates the new session inside the operation before
// handing the error back.
func (a *agent) rotateRecreatesInOp(ctx context.Context) error {
	b := goretry.WithMaxRetries(3, goretry.NewExponential(time.Second))
	return goretry.Do(ctx, b, func(ctx context.Context) error {
		_, err := a.c.RotateSession(ctx, a.id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) && apiErr.Code == apiclient.CodeSessionExpired {
			s, cerr := a.c.CreateSession(ctx, a.product, "rotate-"+a.id)
			if cerr != nil {
				return cerr
			}
			a.id = s.ID
			return goretry.RetryableError(err)
		}
		return err
	})
}

// usageExpiredPermanent makes the expired session final.
func (a *agent) usageExpiredPermanent(ctx context.Context) (*apiclient.Session, error) {
	return backoff.Retry(ctx, func() (*apiclient.Session, error) {
		s, err := a.c.GetSession(ctx, a.id)
		var apiErr *apiclient.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case apiclient.CodeSessionExpired:
				return nil, backoff.Permanent(err)
			case apiclient.CodeBackendError, apiclient.CodeBackendTimeout:
				return nil, err
			}
			return nil, backoff.Permanent(err)
		}
		return s, err
	}, backoff.WithMaxTries(4))
}
