package retryafter

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"time"
)

// recommendParseDuration is correct: the header's seconds are parsed with
// time.ParseDuration.
func (c *Client) recommendParseDuration(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			wait, err := time.ParseDuration(resp.Header.Get("Retry-After") + "s")
			if err != nil {
				return err
			}
			time.Sleep(wait)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendHTTPDate is correct: the header may be an HTTP date, and the
// loop waits until that time.
func (c *Client) recommendHTTPDate(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			at, err := http.ParseTime(resp.Header.Get("Retry-After"))
			if err != nil {
				return err
			}
			time.Sleep(time.Until(at))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendHeaderMap is correct: it reads the header through the map.
func (c *Client) recommendHeaderMap(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			vals := resp.Header["Retry-After"]
			if len(vals) == 0 {
				return errors.New("recommend: 429 without Retry-After")
			}
			secs, err := strconv.Atoi(vals[0])
			if err != nil {
				return err
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendHeaderValues is correct: it reads the header with Values.
func (c *Client) recommendHeaderValues(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			vals := resp.Header.Values("Retry-After")
			if len(vals) == 0 {
				return errors.New("recommend: 429 without Retry-After")
			}
			secs, err := strconv.Atoi(vals[0])
			if err != nil {
				return err
			}
			wait := time.Duration(secs) * time.Second
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendDefaultWait is correct: it waits for the header's value, and
// for a default only when the header is missing or malformed.
func (c *Client) recommendDefaultWait(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			wait := 2 * time.Second
			if s := resp.Header.Get("Retry-After"); s != "" {
				if secs, err := strconv.Atoi(s); err == nil {
					wait = time.Duration(secs) * time.Second
				}
			}
			time.Sleep(wait)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendHelper is correct: a helper of this package returns the
// header's value.
func (c *Client) recommendHelper(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(retryAfter(resp))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendReadsHeaderOnly reads Retry-After into a log line and then
// waits a fixed two seconds.
func (c *Client) recommendReadsHeaderOnly(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			ra := resp.Header.Get("Retry-After")
			log.Printf("recommend: rate limited (Retry-After %s)", ra)
			time.Sleep(2 * time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendResetIgnored reads the rate-limit headers, but the wait it
// computes is exponential, not the header's value.
func (c *Client) recommendResetIgnored(ctx context.Context, body []byte) error {
	backoff := 500 * time.Millisecond
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
		if resp.StatusCode == http.StatusTooManyRequests {
			log.Printf("recommend: %s requests left", resp.Header.Get("X-RateLimit-Remaining"))
			time.Sleep(backoff << attempt)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendFractional is correct: the header's seconds are parsed as a
// float and scaled to a Duration.
func (c *Client) recommendFractional(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64)
			if err != nil {
				return err
			}
			time.Sleep(time.Duration(secs * float64(time.Second)))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}

// recommendAtLeast is correct: it waits for the header's value, or a
// minimum second if the header asks for less.
func (c *Client) recommendAtLeast(ctx context.Context, body []byte) error {
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
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(max(time.Duration(secs)*time.Second, time.Second))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("recommend: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("recommend: rate limited")
}
