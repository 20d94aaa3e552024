// Package tokenrefresh mirrors the core tokenrefresh cases with each piece
// of the retry in a helper of another package: the attempt in the SDK, the
// decision in a predicate or a sentinel, the refresh in a refresher
// (helpers/auth).
package tokenrefresh

import (
	"context"
	"errors"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/auth"
	"helpers/classify"
	"helpers/wait"
)

// createExpiredNoRefresh retries an expired token as if it were transient.
func createExpiredNoRefresh(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsTokenExpired(err) || classify.IsUpstream(err) {
			wait.SleepBackoff(attempt)
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createExpiredRefresh is correct: a refresher of another package renews
// the SDK client's token before the next attempt.
func createExpiredRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsTokenExpired(err) {
			if err := auth.RefreshClient(ctx, c, src); err != nil {
				return nil, err
			}
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createExpiredSentinelPause pauses on the expired-token sentinel and
// tries again with the same token.
func createExpiredSentinelPause(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrTokenExpired) {
			wait.Pause()
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createExpiredSentinelRefresh is correct: on the sentinel, the token
// source refreshes and the client takes the new token.
func createExpiredSentinelRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrTokenExpired) {
			if err := src.Refresh(ctx); err != nil {
				return nil, err
			}
			c.Token = src.Token()
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// renewLoose retries what the loose predicate accepts, an expired token
// included.
func renewLoose(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryableLoose(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
		continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return nil, err
}

// renewRetryable is correct for this rule: the strict predicate does not
// accept an expired token, which returns.
func renewRetryable(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryable(err) {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
	return nil, err
}

// renewLooseRefreshFirst is correct: of what the loose predicate accepts,
// an expired token is refreshed before the next attempt.
func renewLooseRefreshFirst(ctx context.Context, c *apiclient.Client, src *auth.Source, id string) (*apiclient.Session, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var s *apiclient.Session
		s, err = c.RenewSession(ctx, id, 30)
		if err == nil {
			return s, nil
		}
		if !classify.IsRetryableLoose(err) {
			return nil, err
		}
		if classify.IsTokenExpired(err) {
			if err := auth.RefreshClient(ctx, c, src); err != nil {
				return nil, err
			}
			continue
		}
		wait.SleepBackoff(attempt)
	}
	return nil, err
}

// createAllButBalance retries every failure but a low balance, an expired
// token included: the loop body falls off its end.
func createAllButBalance(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; ; attempt++ {
		s, err := c.CreateSession(ctx, req) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		if err == nil {
			return s, nil
		}
		if errors.Is(err, apierr.ErrNoFunds) || attempt == 5 {
			return nil, err
		}
		wait.SleepBackoff(attempt)
	}
}

// createReconnect drops idle connections on an expired token, which does
// not renew it: the helper has no refresher fact.
func createReconnect(ctx context.Context, c *apiclient.Client, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsTokenExpired(err) {
			auth.Reconnect(c)
			continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// createRelogin is correct: it logs in again through a helper and stores
// the new token where the SDK reads it.
func createRelogin(ctx context.Context, c *apiclient.Client, key, secret string, req *apiclient.CreateSessionRequest) (*apiclient.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.CreateSession(ctx, req)
		if err == nil {
			return s, nil
		}
		if classify.IsTokenExpired(err) {
			tok, err := auth.Login(ctx, c.HTTP, c.BaseURL, key, secret)
			if err != nil {
				return nil, err
			}
			c.Token = tok
			continue
		}
		return nil, err
	}
	return nil, errors.New("create session: out of attempts")
}

// waitUntilActive is correct: it is not a retry; it polls successful
// reads and returns on any failure.
func waitUntilActive(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	for {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		wait.Pause()
	}
}
