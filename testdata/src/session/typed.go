// Package session holds retries of an expired session on the same session
// and of a full session pool with no session terminated, in the shapes
// agent runtimes write them (a typed SDK, a raw envelope, statuses,
// helpers here and in another package), with the near misses that create
// a new session, terminate one, or never branch on the session's code.
package session

import (
	"context"
	"errors"
	"log"
	"time"

	"sdk"
	"sessionhelp"
)

// Worker reports what an agent does on its proxy session.
type Worker struct {
	c       *sdk.Client
	product string
	sess    *sdk.Session
	pool    *sessionhelp.Pool
	verbose bool
}

// reportExpiredSleep waits and sends again on the session that expired.
func (w *Worker) reportExpiredSleep(ctx context.Context, ev sdk.Event) error {
	for attempt := 0; attempt < 4; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		if err == nil {
			return nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// usageSwitch groups the expired session with the upstream codes.
func (w *Worker) usageSwitch(ctx context.Context) (*sdk.Session, error) {
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		s, err := w.c.GetSession(ctx, w.sess.ID)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			return nil, err
		}
		switch apiErr.Code {
		case sdk.CodeSessionExpired, sdk.CodeBackendError, sdk.CodeBackendTimeout:
			if w.verbose {
				log.Printf("get session: %v, retrying", err)
			}
			time.Sleep(delay)
			delay *= 2
			continue // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("get session: out of attempts")
}

// createLimitWait waits Retry-After on a full pool: the pool stays full.
func (w *Worker) createLimitWait(ctx context.Context, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := w.c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionLimitReached {
			time.Sleep(apiErr.RetryAfter)
			continue // want `retry of SESSION_LIMIT_REACHED without terminating a session: terminate an old session before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: pool full")
}

// rotateRecursive calls itself on an expired session.
func (w *Worker) rotateRecursive(ctx context.Context, left int) (*sdk.Session, error) {
	s, err := w.c.RotateSession(ctx, w.sess.ID)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired && left > 0 {
		time.Sleep(time.Second)
		return w.rotateRecursive(ctx, left-1) // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
	}
	return s, err
}

// reportGoto jumps back on an expired session.
func (w *Worker) reportGoto(ctx context.Context, ev sdk.Event) error {
	tries := 0
again:
	_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired && tries < 3 {
		tries++
		time.Sleep(time.Second)
		goto again // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
	}
	return err
}

// batchLabeled sends a batch of events, retrying the batch on an expired
// session from the outer loop.
func (w *Worker) batchLabeled(ctx context.Context, evs []sdk.Event) error {
	var err error
batch:
	for attempt := 0; attempt < 3; attempt++ {
		for _, ev := range evs {
			_, err = w.c.ReportEvent(ctx, w.sess.ID, ev)
			var apiErr *sdk.APIError
			if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
				time.Sleep(time.Second)
				continue batch // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return err
}

// isTransient is the runtime's own predicate: the expired session is
// among the codes it calls transient.
func isTransient(err error) bool {
	var apiErr *sdk.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.Code {
	case sdk.CodeSessionExpired, sdk.CodeBackendError:
		return true
	}
	return false
}

// reportPredicate retries what isTransient says.
func (w *Worker) reportPredicate(ctx context.Context, ev sdk.Event) error {
	backoff := time.Second
	for attempt := 0; attempt < 5; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev) // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		if err == nil || !isTransient(err) {
			return err
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return errors.New("report: out of attempts")
}

// reportOtherPackage sends through a helper of another package and retries
// the expired session.
func (w *Worker) reportOtherPackage(ctx context.Context, ev sdk.Event) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = sessionhelp.Report(ctx, w.c, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			time.Sleep(2 * time.Second)
			continue // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return err
	}
	return err
}

// reportRetryHelper hands the call to a retry helper of another package
// that tries again on an expired session.
func (w *Worker) reportRetryHelper(ctx context.Context, ev sdk.Event) error {
	return sessionhelp.OnExpired(ctx, func() error {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		return err // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
	})
}

// Near misses: a new session, a terminated one, or no branch on the code.

// reportRecreate creates a new session before the next attempt.
func (w *Worker) reportRecreate(ctx context.Context, ev sdk.Event) error {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			s, cerr := w.c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: w.product, DurationMinutes: 30})
			if cerr != nil {
				return cerr
			}
			w.sess = s
			continue
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// renew is the worker's own way to a new session.
func (w *Worker) renew(ctx context.Context) error {
	s, err := w.c.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: w.product, DurationMinutes: 30})
	if err != nil {
		return err
	}
	w.sess = s
	return nil
}

// reportLocalRenew replaces the session through a method of its own.
func (w *Worker) reportLocalRenew(ctx context.Context, ev sdk.Event) error {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			if rerr := w.renew(ctx); rerr != nil {
				return rerr
			}
			continue
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// reportOtherRenew replaces the session through another package.
func (w *Worker) reportOtherRenew(ctx context.Context, ev sdk.Event) error {
	for attempt := 0; attempt < 3; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			s, rerr := sessionhelp.Replace(ctx, w.c, w.product)
			if rerr != nil {
				return rerr
			}
			w.sess = s
			continue
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// createTerminate frees a slot of the pool first.
func (w *Worker) createTerminate(ctx context.Context, req *sdk.CreateSessionRequest) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := w.c.CreateSession(ctx, req)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionLimitReached {
			if terr := w.pool.FreeOldest(ctx); terr != nil {
				return nil, terr
			}
			continue
		}
		return s, err
	}
	return nil, errors.New("create session: pool full")
}

// createTerminateDirect terminates the oldest session with the SDK.
func (w *Worker) createTerminateDirect(ctx context.Context, req *sdk.CreateSessionRequest, oldest string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := w.c.CreateSession(ctx, req)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionLimitReached {
			_ = w.c.TerminateSession(ctx, oldest)
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		return s, err
	}
	return nil, errors.New("create session: pool full")
}

// reportExpiredReturns gives up on an expired session.
func (w *Worker) reportExpiredReturns(ctx context.Context, ev sdk.Event) error {
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			switch apiErr.Code {
			case sdk.CodeSessionExpired:
				return err
			case sdk.CodeBackendError, sdk.CodeBackendTimeout:
				time.Sleep(delay)
				delay *= 2
				continue
			}
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// reportRulesOut only rules the never-retryable codes out: it never names
// the session's code, so it does not say the call can fail with it.
func (w *Worker) reportRulesOut(ctx context.Context, ev sdk.Event) error {
	delay := time.Second
	for attempt := 0; attempt < 4; attempt++ {
		_, err := w.c.ReportEvent(ctx, w.sess.ID, ev)
		if err == nil {
			return nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeInvalidRequest || apiErr.Code == sdk.CodeAuthInvalidKey) {
			return err
		}
		time.Sleep(delay)
		delay *= 2
	}
	return errors.New("report: out of attempts")
}

// reportBreakRecreate leaves the loop on an expired session and creates
// the new one outside it.
func (w *Worker) reportBreakRecreate(ctx context.Context, ev sdk.Event) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		_, err = w.c.ReportEvent(ctx, w.sess.ID, ev)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeSessionExpired {
			break
		}
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return w.renew(ctx)
}
