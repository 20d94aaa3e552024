package tokenrefresh

import (
	"context"
	"errors"

	"helpers/apiclient"
	"helpers/auth"
	"helpers/classify"
	"helpers/wait"
)

// rotateGoto jumps back on an expired token after a pause.
func rotateGoto(ctx context.Context, c *apiclient.Client, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RotateSession(ctx, id)
	if classify.IsTokenExpired(err) && tries < 2 {
		tries++
		wait.Pause()
		goto again // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return s, err
}

// rotateGotoRefresh is correct: it refreshes through a helper before
// jumping back.
func rotateGotoRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, id string) (*apiclient.Session, error) {
	tries := 0
again:
	s, err := c.RotateSession(ctx, id)
	if classify.IsTokenExpired(err) && tries < 2 {
		tries++
		if err := auth.RefreshClient(ctx, c, src); err != nil {
			return nil, err
		}
		goto again
	}
	return s, err
}

// terminateBatch starts the batch again on an expired token without a
// refresh: labeled continue.
func terminateBatch(ctx context.Context, c *apiclient.Client, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if err := c.Terminate(ctx, id); err != nil {
				if classify.IsTokenExpired(err) {
					continue batch // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
				}
				return err
			}
		}
		return nil
	}
	return errors.New("terminate batch: out of rounds")
}

// terminateBatchRefresh is correct: the batch starts again after the
// refresher ran.
func terminateBatchRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, ids []string) error {
	round := 0
batch:
	for round < 3 {
		round++
		for _, id := range ids {
			if err := c.Terminate(ctx, id); err != nil {
				if classify.IsTokenExpired(err) {
					if err := auth.RefreshClient(ctx, c, src); err != nil {
						return err
					}
					continue batch
				}
				return err
			}
		}
		return nil
	}
	return errors.New("terminate batch: out of rounds")
}

// balanceRecursive calls itself on an expired token with the same token.
func balanceRecursive(ctx context.Context, c *apiclient.Client, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	if classify.IsTokenExpired(err) && attempt < 2 {
		wait.SleepBackoff(attempt)
		return balanceRecursive(ctx, c, attempt+1) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
	}
	return b, err
}

// balanceRecursiveRefresh is correct: it refreshes before calling itself.
func balanceRecursiveRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, attempt int) (*apiclient.Balance, error) {
	b, err := c.GetBalance(ctx)
	if classify.IsTokenExpired(err) && attempt < 2 {
		if err := auth.RefreshClient(ctx, c, src); err != nil {
			return nil, err
		}
		return balanceRecursiveRefresh(ctx, c, src, attempt+1)
	}
	return b, err
}

// balanceFlag keeps the predicate's answer in a flag and loops on it.
func balanceFlag(ctx context.Context, c *apiclient.Client) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	expired := true
	for attempt := 0; expired && attempt < 3; attempt++ {
		b, err = c.GetBalance(ctx) // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
		expired = classify.IsTokenExpired(err)
	}
	return b, err
}

// balanceFlagRefresh is correct: the same flag, and a refresh when set.
func balanceFlagRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source) (*apiclient.Balance, error) {
	var (
		b   *apiclient.Balance
		err error
	)
	expired := true
	for attempt := 0; expired && attempt < 3; attempt++ {
		b, err = c.GetBalance(ctx)
		expired = classify.IsTokenExpired(err)
		if expired {
			if err := auth.RefreshClient(ctx, c, src); err != nil {
				return nil, err
			}
		}
	}
	return b, err
}
