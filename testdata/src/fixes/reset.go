package fixes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// rotateUntilReset sleeps for the reset header as if it were a number of
// seconds to wait, not the Unix time the window resets.
func (c *Client) rotateUntilReset(ctx context.Context, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			reset, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Reset"))
			if err != nil {
				return err
			}
			time.Sleep(time.Duration(reset) * time.Second) // want `X-RateLimit-Reset is a Unix time, not a duration: wait until that time, or for Retry-After`
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("rotate: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("rotate: rate limited")
}
