// Package far reaches the client's methods through outer and wrap, and
// imports neither wrap nor the client's package. A limitation: a client
// type is looked for only in the packages its imports import, so this
// blanket retry is not reported.
package far

import (
	"context"
	"errors"
	"time"

	"indirect/outer"
)

// sessionBlanket retries every failure after a fixed pause: a real bug,
// not reported (see the package comment).
func sessionBlanket(ctx context.Context, a *outer.App, id string) error {
	for attempt := 0; attempt < 5; attempt++ {
		_, err := a.Svc.API.GetSession(ctx, id)
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("out of attempts")
}
