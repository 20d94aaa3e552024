package retryafter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"sdk"
)

// allProducts pages through the catalogue and, on a 429, starts over from
// the first page after a fixed pause.
func (c *Client) allProducts(ctx context.Context) ([]sdk.Product, error) {
attempts:
	for attempt := 0; attempt < 3; attempt++ {
		var all []sdk.Product
		cursor := ""
		for {
			req, err := c.newRequest(ctx, http.MethodGet, "/v1/products?cursor="+url.QueryEscape(cursor), nil)
			if err != nil {
				return nil, err
			}
			resp, err := c.http.Do(req)
			if err != nil {
				return nil, err
			}
			if resp.StatusCode == http.StatusTooManyRequests {
				resp.Body.Close()
				time.Sleep(5 * time.Second)
				continue attempts // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
			}
			if resp.StatusCode != http.StatusOK {
				resp.Body.Close()
				return nil, fmt.Errorf("list products: status %d", resp.StatusCode)
			}
			var page struct {
				Data       []sdk.Product `json:"data"`
				NextCursor string        `json:"next_cursor"`
			}
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			all = append(all, page.Data...)
			if page.NextCursor == "" {
				return all, nil
			}
			cursor = page.NextCursor
		}
	}
	return nil, errors.New("list products: rate limited")
}

// rotateMany is correct: on a 429 it waits for the header's value before
// it starts the batch again.
func (c *Client) rotateMany(ctx context.Context, ids []string) error {
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
			if resp.StatusCode == http.StatusTooManyRequests {
				secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
				time.Sleep(time.Duration(secs) * time.Second)
				continue batch
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("rotate %s: status %d", id, resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("rotate: rate limited")
}

// rotateManyNoWait starts the batch again on a 429 with no wait at all.
func (c *Client) rotateManyNoWait(ctx context.Context, ids []string) error {
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
			if resp.StatusCode == http.StatusTooManyRequests {
				continue batch // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("rotate %s: status %d", id, resp.StatusCode)
			}
		}
		return nil
	}
	return errors.New("rotate: rate limited")
}
