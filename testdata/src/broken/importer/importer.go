// Package importer is well-typed but imports a package that is not: the
// driver marks it ill-typed too.
package importer

import (
	"context"
	"errors"
	"net/http"

	"broken/typeerr"
)

// fetchNoDelay retries a 502 at once, through the well-typed helpers of
// the broken package.
func fetchNoDelay(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := typeerr.Fetch(ctx, url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return errors.New("fetch failed")
		}
		return nil
	}
	return errors.New("out of attempts")
}

// createBroken retries through the broken helpers.
func createBroken(ctx context.Context, url string) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := typeerr.Get(ctx, nil, url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if typeerr.IsBroken(err) || typeerr.Ping(err) || errors.Is(err, typeerr.ErrBroken) {
			typeerr.SleepBackoff(attempt)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}
