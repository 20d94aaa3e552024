package shapes

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// pacer keeps its delay function in a field, set when it is made.
type pacer struct {
	c       *http.Client
	backoff func(attempt int) time.Duration
}

func fixedSecond(int) time.Duration { return time.Second }

func doubling(attempt int) time.Duration { return 100 * time.Millisecond << attempt }

// newFixedPacer sets the field to a constant delay.
func newFixedPacer(c *http.Client) *pacer { return &pacer{c: c, backoff: fixedSecond} }

// getFixed waits c.backoff(attempt), which is constant: 502 retried on a
// fixed pause.
func (p *pacer) getFixed(url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := p.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(p.backoff(attempt))
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// growing keeps a doubling delay function in its field. Silent.
type growing struct {
	c     *http.Client
	delay func(int) time.Duration
}

func newGrowing(c *http.Client) *growing { return &growing{c: c, delay: doubling} }

func (g *growing) get(url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := g.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(g.delay(attempt))
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getLocalLiteral binds a literal to a local and waits what it returns,
// which grows only linearly.
func getLocalLiteral(c *http.Client, url string) (*http.Response, error) {
	wait := func(n int) time.Duration { return time.Duration(n+1) * time.Second }
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(wait(attempt))
			continue // want `retry of 504 with a linear delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getDefaultOverwritten gives the wait a default and overwrites it from
// Retry-After when the header is there. Silent.
func getDefaultOverwritten(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			wait := 2 * time.Second
			if v := resp.Header.Get("Retry-After"); v != "" {
				if n, err := strconv.Atoi(v); err == nil {
					wait = time.Duration(n) * time.Second
				}
			}
			resp.Body.Close()
			time.Sleep(wait)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getDefaultNeverOverwritten reads the header but keeps the default.
func getDefaultNeverOverwritten(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			wait := 2 * time.Second
			if v := resp.Header.Get("Retry-After"); v != "" {
				_ = v // logged elsewhere, never used
			}
			resp.Body.Close()
			time.Sleep(wait)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// RateLimited carries the server's Retry-After in seconds, stored by the
// function that reads the header.
type RateLimited struct { // want RateLimited:`^error for 429$`
	RetryAfterSeconds int
}

func (e *RateLimited) Error() string { return "rate limited" }

func fetchRL(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return &RateLimited{RetryAfterSeconds: secs}
	}
	return nil
}

// waitField converts the field's seconds in another function, with the
// unit. Silent.
func waitField(c *http.Client, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		err := fetchRL(c, url)
		var rl *RateLimited
		if errors.As(err, &rl) {
			time.Sleep(time.Duration(rl.RetryAfterSeconds) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// waitFieldNoUnit forgets the unit: it sleeps nanoseconds.
func waitFieldNoUnit(c *http.Client, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		err := fetchRL(c, url)
		var rl *RateLimited
		if errors.As(err, &rl) {
			time.Sleep(time.Duration(rl.RetryAfterSeconds)) // want `Retry-After is in seconds but becomes a time.Duration with no unit, which waits that many nanoseconds: multiply by time.Second`
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}
