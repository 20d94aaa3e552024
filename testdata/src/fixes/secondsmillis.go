package fixes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// recommendMillis reads Retry-After as if it were milliseconds.
func (c *Client) recommendMillis(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, err := c.newRequest(ctx, http.MethodPost, "/v1/products/recommend", body)
		if err != nil {
			return err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusTooManyRequests:
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				return err
			}
			time.Sleep(time.Duration(secs) * time.Millisecond) // want `Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second`
			continue
		}
		return fmt.Errorf("recommend: status %d", resp.StatusCode)
	}
	return errors.New("recommend: rate limited")
}
