// Package unbounded holds retry loops that can run forever, and the near
// misses that a counter, a deadline, the context or a stop channel bound.
package unbounded

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// forever retries 429 and 5xx in a for {} with nothing that stops it.
func forever(c *http.Client, url string) (*http.Response, error) {
	for { // want `retry loop without a bound retries 429 forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// foreverTransport retries every transport error for ever.
func foreverTransport(c *http.Client, req *http.Request) *http.Response {
	delay := 100 * time.Millisecond
	for { // want `retry loop without a bound retries transport error forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		resp, err := c.Do(req)
		if err == nil {
			return resp
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// counted tests an attempt counter in the body. Silent.
func counted(c *http.Client, url string) (*http.Response, error) {
	attempt := 0
	for {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
		attempt++
		if attempt >= 5 {
			return nil, errors.New("out of attempts")
		}
		time.Sleep(time.Second << attempt)
	}
}

// withContext stops when the context is done. Silent.
func withContext(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	delay := time.Second
	for {
		resp, err := c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(delay):
		}
		delay *= 2
	}
}

// withDeadline gives up after a minute. Silent.
func withDeadline(c *http.Client, url string) (*http.Response, error) {
	deadline := time.Now().Add(time.Minute)
	delay := time.Second
	for {
		resp, err := c.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		if time.Now().After(deadline) {
			return nil, errors.New("deadline passed")
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// withStop stops when the stop channel closes. Silent.
func withStop(stop <-chan struct{}, c *http.Client, url string) (*http.Response, error) {
	delay := time.Second
	for {
		resp, err := c.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		select {
		case <-stop:
			return nil, errors.New("stopped")
		case <-time.After(delay):
		}
		delay *= 2
	}
}

// conditioned loops while a flag holds: it may be bounded. Silent.
func conditioned(c *http.Client, url string, running *bool) (*http.Response, error) {
	for *running {
		resp, err := c.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("stopped")
}

// foreverOnSuccessOnly repeats a successful call (polling): no failure is
// retried, so no unbounded retry. Silent.
func foreverOnSuccessOnly(c *http.Client, url string) error {
	for {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		time.Sleep(time.Minute)
	}
}

// recurseForever calls itself again on 502, with nothing that ends it.
func recurseForever(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusBadGateway {
		resp.Body.Close()
		time.Sleep(time.Second)
		return recurseForever(c, url) // want `recursion without a bound retries 502 forever: pass the attempts left and stop at zero, or stop on ctx.Done\(\) or a deadline`
	}
	return resp, nil
}

// recurseCounted passes the attempts left and stops at zero. Silent.
func recurseCounted(c *http.Client, url string, left int) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable && left > 0 {
		resp.Body.Close()
		time.Sleep(time.Second << (3 - left))
		return recurseCounted(c, url, left-1)
	}
	return resp, nil
}

// recurseWithContext stops when the context is done. Silent.
func recurseWithContext(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		resp.Body.Close()
		time.Sleep(time.Second)
		return recurseWithContext(ctx, c, url)
	}
	return resp, nil
}
