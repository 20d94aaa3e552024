package backoff

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// reportBatch reports events in order and starts the batch again on a 502
// after a fixed pause.
func (c *Client) reportBatch(ctx context.Context, id string, events [][]byte) error {
batch:
	for round := 0; round < 3; round++ {
		for _, ev := range events {
			req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", ev)
			if err != nil {
				return err
			}
			resp, err := c.http.Do(req)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusBadGateway {
				time.Sleep(500 * time.Millisecond)
				continue batch // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("report-event: status %d", resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("report-event: upstream failing")
}

// reportBatchBackoff is correct: the pause before the batch starts again
// is shifted by the round.
func (c *Client) reportBatchBackoff(ctx context.Context, id string, events [][]byte) error {
batch:
	for round := 0; round < 3; round++ {
		for _, ev := range events {
			req, err := c.newRequest(ctx, http.MethodPost, "/v1/sessions/"+id+"/report-event", ev)
			if err != nil {
				return err
			}
			resp, err := c.http.Do(req)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusBadGateway {
				time.Sleep((500 * time.Millisecond) << round)
				continue batch
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("report-event: status %d", resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("report-event: upstream failing")
}
