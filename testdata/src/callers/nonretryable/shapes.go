package nonretryable

import (
	"context"
	"errors"

	"helpers/apiclient"
	"helpers/classify"
	"helpers/wait"
)

// rotateGoto jumps back on whatever the loose predicate accepts.
func rotateGoto(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RotateSession(ctx, id)
	if err != nil && classify.IsRetryableLoose(err) && tries < 3 {
		tries++
		wait.SleepBackoff(tries)
		goto again // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
	}
	return s, err
}

// rotateGotoRetryable is correct: the same jump, decided by the strict
// predicate.
func rotateGotoRetryable(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RotateSession(ctx, id)
	if err != nil && classify.IsRetryable(err) && tries < 3 {
		tries++
		wait.SleepBackoff(tries)
		goto again
	}
	return s, err
}

// rotateBatch starts the whole batch again on whatever the loose
// predicate accepts: labeled continue.
func rotateBatch(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				if classify.IsRetryableLoose(err) {
					wait.SleepBackoff(round)
					continue batch // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// rotateBatchUpstream is correct: only the upstream sentinel starts the
// batch again.
func rotateBatchUpstream(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if _, err := c.RotateSession(ctx, id); err != nil {
				if classify.IsUpstream(err) {
					wait.SleepBackoff(round)
					continue batch
				}
				return err
			}
		}
		return nil
	}
	return errors.New("rotate batch: out of rounds")
}

// renewRecursive calls itself on whatever the loose predicate accepts.
func renewRecursive(ctx context.Context, c *apiclient.Client, id string, attempt int) (*apiclient.Session, error) {
	s, err := c.RenewSession(ctx, id, 30)
	if err != nil && classify.IsRetryableLoose(err) && attempt < 3 {
		wait.SleepBackoff(attempt)
		return renewRecursive(ctx, c, id, attempt+1) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
	}
	return s, err
}

// renewRecursiveTransient is correct: it calls itself only on what the
// error calls temporary.
func renewRecursiveTransient(ctx context.Context, c *apiclient.Client, id string, attempt int) (*apiclient.Session, error) {
	s, err := c.RenewSession(ctx, id, 30)
	if err != nil && classify.IsTransient(err) && attempt < 3 {
		wait.SleepBackoff(attempt)
		return renewRecursiveTransient(ctx, c, id, attempt+1)
	}
	return s, err
}

// renewFlag keeps the predicate's answer in a flag and tests it later.
func renewFlag(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var (
		s   *apiclient.Session
		err error
	)
	retry := true
	for attempt := 0; retry && attempt < 5; attempt++ {
		s, err = c.RenewSession(ctx, id, 30) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		retry = err != nil && classify.IsRetryableLoose(err)
		if retry {
			wait.SleepBackoff(attempt)
		}
	}
	return s, err
}

// renewFlagRetryable is correct: the flag comes from the strict predicate.
func renewFlagRetryable(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var (
		s   *apiclient.Session
		err error
	)
	retry := true
	for attempt := 0; retry && attempt < 5; attempt++ {
		s, err = c.RenewSession(ctx, id, 30)
		retry = err != nil && classify.IsRetryable(err)
		if retry {
			wait.SleepBackoff(attempt)
		}
	}
	return s, err
}

// createBlanket retries every failure: the SDK method is the attempt, and
// nothing looks at the error.
func createBlanket(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		s, err := c.CreateSession(ctx, req) // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error`
		if err == nil {
			return s, nil
		}
		lastErr = err
		wait.SleepBackoff(attempt)
	}
	return nil, lastErr
}

// terminateAll is correct: the pause paces a loop over sessions; no failed
// call is made again.
func terminateAll(ctx context.Context, c *apiclient.Client, ids []string) error {
	for _, id := range ids {
		if err := c.Terminate(ctx, id); err != nil {
			return err
		}
		wait.Pause()
	}
	return nil
}
