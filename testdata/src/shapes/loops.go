package shapes

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"time"
)

// metrics counts what a client does; its methods touch nothing the
// outcome depends on.
type metrics struct{ n map[string]int }

func (m *metrics) inc(name string) { m.n[name]++ }

// verboseClient logs and counts between the attempt and the decision.
type verboseClient struct {
	c       *http.Client
	verbose bool
	debug   bool
	m       *metrics
	hook    func(*http.Response)
}

// getLogged logs a great deal and retries 5xx with exponential backoff
// and 429 on the header. Silent.
func (v *verboseClient) getLogged(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := v.c.Get(url)
		if v.verbose {
			log.Printf("attempt %d", attempt)
		}
		if v.debug {
			log.Printf("url %s", url)
		}
		v.m.inc("attempts")
		if err != nil {
			if v.verbose {
				log.Printf("error: %v", err)
			}
			return nil, err
		}
		if v.hook != nil {
			v.hook(resp)
		}
		if v.verbose {
			log.Printf("status %d", resp.StatusCode)
		}
		if v.debug {
			log.Printf("headers %v", resp.Header)
		}
		if v.verbose {
			log.Printf("content length %d", resp.ContentLength)
		}
		if v.debug {
			log.Printf("proto %s", resp.Proto)
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			if v.verbose {
				log.Printf("rate limited for %ds", secs)
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case resp.StatusCode >= 500:
			resp.Body.Close()
			if v.verbose {
				log.Printf("server error")
			}
			time.Sleep(200 * time.Millisecond << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// getLoggedBuggy is the same loop, but it retries 404 as well.
func (v *verboseClient) getLoggedBuggy(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := v.c.Get(url)
		if v.verbose {
			log.Printf("attempt %d", attempt)
		}
		if v.debug {
			log.Printf("url %s", url)
		}
		if err != nil {
			return nil, err
		}
		if v.verbose {
			log.Printf("status %d", resp.StatusCode)
		}
		if v.debug {
			log.Printf("headers %v", resp.Header)
		}
		if v.verbose {
			log.Printf("content length %d", resp.ContentLength)
		}
		if v.debug {
			log.Printf("proto %s", resp.Proto)
		}
		if v.verbose {
			log.Printf("again %d", attempt)
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(200 * time.Millisecond << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// listThenBalance makes two calls per iteration; a 404 of the second is
// retried.
func listThenBalance(c *http.Client, base string) error {
	for attempt := 0; attempt < 3; attempt++ {
		list, err := c.Get(base + "/items")
		if err != nil {
			return err
		}
		list.Body.Close()
		if list.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		bal, err := c.Get(base + "/balance")
		if err != nil {
			return err
		}
		bal.Body.Close()
		if bal.StatusCode == http.StatusNotFound {
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return nil
	}
	return errors.New("out of attempts")
}

// listThenBalanceRight retries only the server errors of either call.
// Silent.
func listThenBalanceRight(c *http.Client, base string) error {
	for attempt := 0; attempt < 3; attempt++ {
		list, err := c.Get(base + "/items")
		if err != nil {
			return err
		}
		list.Body.Close()
		if list.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		bal, err := c.Get(base + "/balance")
		if err != nil {
			return err
		}
		bal.Body.Close()
		if bal.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil
	}
	return errors.New("out of attempts")
}

// StatusError is what get wraps with %w.
type StatusError struct {
	StatusCode int
}

func (e *StatusError) Error() string { return "status " + strconv.Itoa(e.StatusCode) }

// fetchWrappedStatus wraps the status error with context.
func fetchWrappedStatus(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return fmt.Errorf("get %s: %w", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("get %s: %w", url, &StatusError{StatusCode: resp.StatusCode})
	}
	return nil
}

// wrappedClassified classifies the wrapped error and retries 401 without
// a new token.
func wrappedClassified(c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := fetchWrappedStatus(c, url)
		var se *StatusError
		if errors.As(err, &se) && (se.StatusCode == http.StatusUnauthorized || se.StatusCode >= 500) {
			time.Sleep(time.Second << attempt)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return err
	}
	return errors.New("out of attempts")
}

// wrappedClassifiedRight retries only the 5xx of the wrapped error.
// Silent.
func wrappedClassifiedRight(c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := fetchWrappedStatus(c, url)
		var se *StatusError
		if errors.As(err, &se) && se.StatusCode >= 500 && se.StatusCode != http.StatusNotImplemented {
			time.Sleep(time.Second << attempt)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}
