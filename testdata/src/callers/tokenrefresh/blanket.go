package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"helpers/apiclient"
	"helpers/apierr"
	"helpers/auth"
	"helpers/classify"
	"helpers/wait"
)

// doUntilOK repeats the request until a 200, 401 included, with the same
// token: for {} with break.
func doUntilOK(ctx context.Context, c *apiclient.Client, req *http.Request) error {
	for {
		resp, err := c.Do(req) // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wait.Pause()
	}
	return nil
}

// doUntilOKRefresh is correct: the same loop refreshes on a 401 that a
// response predicate finds.
func doUntilOKRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source, req *http.Request) error {
	for {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if classify.IsUnauthorized(resp) {
			if err := auth.RefreshClient(ctx, c, src); err != nil {
				return err
			}
			continue
		}
		wait.Pause()
	}
	return nil
}

// doUnauthorizedRelogin is correct: a 401 logs in again through a helper
// and the client takes the token.
func doUnauthorizedRelogin(ctx context.Context, c *apiclient.Client, key, secret string, req *http.Request) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if classify.IsUnauthorized(resp) {
			tok, err := auth.Login(ctx, c.HTTP, c.BaseURL, key, secret)
			if err != nil {
				return err
			}
			c.Token = tok
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("do: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("do: unauthorized")
}

// listTypeSwitchLoose hands the typed error to the loose predicate, which
// accepts an expired token.
func listTypeSwitchLoose(ctx context.Context, c *apiclient.Client) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 5; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if classify.IsRetryableLoose(e) {
				wait.SleepBackoff(attempt)
				continue // want `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt`
			}
		}
		return nil, err
	}
	return nil, errors.New("list products: out of attempts")
}

// listTypeSwitchRefresh is correct: the expired token is refreshed first.
func listTypeSwitchRefresh(ctx context.Context, c *apiclient.Client, src *auth.Source) ([]apiclient.Product, error) {
	for attempt := 0; attempt < 5; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		switch e := err.(type) {
		case *apierr.APIError:
			if classify.IsTokenExpired(e) {
				if err := auth.RefreshClient(ctx, c, src); err != nil {
					return nil, err
				}
				continue
			}
			if classify.IsRetryableLoose(e) {
				wait.SleepBackoff(attempt)
				continue
			}
		}
		return nil, err
	}
	return nil, errors.New("list products: out of attempts")
}
