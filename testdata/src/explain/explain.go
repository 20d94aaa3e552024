// Package explain holds one retry site of each kind for the -explain
// golden tests: a loop, a labeled continue, a goto, a recursion, a retry
// helper, a verdict helper, and rows that are unknown for the reasons the
// tables print.
package explain

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// loop retries 502 on a fixed pause and waits Retry-After on 429.
func loop(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case http.StatusBadGateway:
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// labeled retries a 401 of any URL from the outer loop.
func labeled(c *http.Client, urls []string) error {
outer:
	for attempt := 0; attempt < 3; attempt++ {
		for _, u := range urls {
			resp, err := c.Get(u)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusUnauthorized {
				continue outer
			}
		}
		return nil
	}
	return errors.New("out of attempts")
}

// jump goes back to its label on 404.
func jump(c *http.Client, url string) (*http.Response, error) {
	tries := 0
again:
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound && tries < 3 {
		tries++
		resp.Body.Close()
		time.Sleep(time.Second << tries)
		goto again
	}
	return resp, nil
}

// recurse calls itself on 5xx with a growing pause.
func recurse(c *http.Client, url string, left int) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 && left > 0 {
		resp.Body.Close()
		time.Sleep(time.Duration(4-left) * time.Second)
		return recurse(c, url, left-1)
	}
	return resp, nil
}

// withRetry is a retry helper of this package: every error, a second.
func withRetry(op func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// helper hands a request to withRetry, failing on every status but 200.
func helper(c *http.Client, url string) error {
	return withRetry(func() error {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		return nil
	})
}

// poll is a verdict helper: it calls fn again while fn says so.
func poll(fn func() (bool, error)) error {
	for i := 0; i < 10; i++ {
		again, err := fn()
		if !again {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return nil
}

// verdict polls until a 200, with poll's own pause.
func verdict(c *http.Client, url string) error {
	return poll(func() (bool, error) {
		resp, err := c.Get(url)
		if err != nil {
			return false, err
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusNotFound, nil
	})
}

// classifier decides behind an interface.
type classifier interface {
	Retryable(status int) bool
}

// byMessage branches on the error text and on an interface: those rows
// are unknown.
func byMessage(c *http.Client, cl classifier, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			if strings.Contains(err.Error(), "connection reset") {
				continue
			}
			return nil, err
		}
		if cl.Retryable(resp.StatusCode) {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
