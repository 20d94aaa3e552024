package tokenrefresh

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// rotateBatch rotates sessions in order and starts the batch again on a
// 401 without refreshing the token.
func (c *Client) rotateBatch(ctx context.Context, ids []string) error {
batch:
	for round := 0; round < 3; round++ {
		for _, id := range ids {
			req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
			if err != nil {
				return err
			}
			resp, err := c.http.Do(req)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				time.Sleep(time.Second)
				continue batch // want `retry of 401 without refreshing the token: refresh it before the next attempt`
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("rotate %s: status %d", id, resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("rotate: unauthorized")
}

// rotateBatchRefresh is correct: it refreshes the token before it starts
// the batch again.
func (c *Client) rotateBatchRefresh(ctx context.Context, ids []string) error {
batch:
	for round := 0; round < 2; round++ {
		for _, id := range ids {
			req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/rotate", nil)
			if err != nil {
				return err
			}
			resp, err := c.http.Do(req)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				if err := c.refresh(ctx); err != nil {
					return err
				}
				continue batch
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("rotate %s: status %d", id, resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("rotate: unauthorized")
}
