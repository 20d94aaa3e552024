// Package limitations holds retries that retrylint does not report, each
// with the reason. They are real bugs; the analysis cannot show them
// without guessing, so it stays silent.
package limitations

import (
	"errors"
	"net/http"
	"strings"
	"time"
)

// byMessage retries INSUFFICIENT_BALANCE found in the error message.
// Messages are for logs: the analysis does not read them, so the retry of
// a never-retryable error goes unreported.
func byMessage(do func() error) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := do()
		if err == nil {
			return nil
		}
		if strings.Contains(err.Error(), "insufficient balance") {
			time.Sleep(time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// classifier decides retries behind an interface.
type classifier interface {
	Retryable(status int) bool
}

// behindInterface asks an interface whether to retry: which implementation
// runs is not known, so every failure is unknown.
func behindInterface(c classifier, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if c.Retryable(resp.StatusCode) {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// overTicker retries a 402 on every tick: a range over a channel is not a
// retry site.
func overTicker(url string) (*http.Response, error) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("stopped")
}

// viaTransport relies on a transport that sets Authorization: after the
// refresh the analysis cannot see that the old header is resent.
func viaTransport(c *http.Client, req *http.Request, refresh func() error) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := refresh(); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchStatus is a client of some other API: its error may stand for a
// 400 or a 503, and says which only in its text.
func fetchStatus(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("fetch: " + resp.Status)
	}
	return nil
}

// opaqueBlanket retries every error of another API's client at a fixed
// pace, 400 included. The status is behind an opaque error that the loop
// never reads, and no code of the policy can come back: the analysis does
// not judge a blanket retry it cannot tie to a status or a code.
func opaqueBlanket(c *http.Client, url string) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = fetchStatus(c, url); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
