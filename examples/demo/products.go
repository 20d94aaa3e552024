package demo

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Product is a proxy product that sessions are ordered for.
type Product struct {
	ID           string  `json:"product_id"`
	Name         string  `json:"name"`
	Type         string  `json:"type"`
	PricePerHour float64 `json:"price_per_hour"`
	InStock      bool    `json:"in_stock"`
}

// ListProducts returns the product catalogue (GET /v1/products).
//
// BUG: a 429 is retried after a fixed two seconds. The API says how long to
// wait in the Retry-After header; waiting less is answered with another 429.
func (c *Client) ListProducts(ctx context.Context) ([]Product, error) {
	for attempt := 0; ; attempt++ {
		req, err := c.newRequest(ctx, http.MethodGet, "/v1/products", nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < 3 {
			resp.Body.Close()
			time.Sleep(2 * time.Second)
			continue
		}
		var products []Product
		if err := decode(resp, &products); err != nil {
			return nil, fmt.Errorf("list products: %w", err)
		}
		return products, nil
	}
}
