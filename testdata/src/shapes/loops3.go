package shapes

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"
)

// uploader sends parts and logs a great deal about it.
type uploader struct {
	c       *http.Client
	verbose bool
	debug   bool
	m       *metrics
}

// putThroughClosure sends through a closure bound before the loop and
// retries whatever is not a success, 404 among it.
func (u *uploader) putThroughClosure(req *http.Request) (*http.Response, error) {
	send := func() (*http.Response, error) { return u.c.Do(req) }
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := send()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// putPart wraps the status twice on its way up.
func (u *uploader) putPart(url string) error {
	resp, err := u.c.Get(url)
	if err != nil {
		return fmt.Errorf("put part: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		inner := fmt.Errorf("status: %w", &StatusError{StatusCode: resp.StatusCode})
		return fmt.Errorf("put part %s: %w", url, inner)
	}
	return nil
}

// putDoubleWrapped finds the status through two wraps and retries 403.
func (u *uploader) putDoubleWrapped(url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := u.putPart(url)
		var se *StatusError
		if errors.As(err, &se) && (se.StatusCode == http.StatusForbidden || se.StatusCode >= 500) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
		}
		return err
	}
	return errors.New("out of attempts")
}

// putChatty logs, traces and counts at every step, and retries 502 at
// once.
func (u *uploader) putChatty(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		if u.debug {
			log.Printf("attempt %d of %s", attempt, url)
		}
		resp, err := u.c.Get(url)
		if u.verbose {
			log.Printf("%s: %v", url, err)
		}
		if err != nil {
			u.m.inc("transport")
			return nil, err
		}
		if u.debug {
			log.Printf("status %d", resp.StatusCode)
		}
		if u.verbose && resp.StatusCode >= 400 {
			log.Printf("failure %s", resp.Status)
		}
		u.m.inc("status")
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if u.debug {
				log.Print("retrying at once")
			}
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// putThroughClosureRight retries only the server errors.
func (u *uploader) putThroughClosureRight(req *http.Request) (*http.Response, error) {
	send := func() (*http.Response, error) { return u.c.Do(req) }
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := send()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// putDoubleWrappedRight retries only the wrapped server errors.
func (u *uploader) putDoubleWrappedRight(url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := u.putPart(url)
		var se *StatusError
		if errors.As(err, &se) && se.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// putChattyRight logs as much and backs off.
func (u *uploader) putChattyRight(url string) (*http.Response, error) {
	delay := 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		if u.debug {
			log.Printf("attempt %d of %s", attempt, url)
		}
		resp, err := u.c.Get(url)
		if u.verbose {
			log.Printf("%s: %v", url, err)
		}
		if err != nil {
			u.m.inc("transport")
			return nil, err
		}
		if u.debug {
			log.Printf("status %d", resp.StatusCode)
		}
		if u.verbose && resp.StatusCode >= 400 {
			log.Printf("failure %s", resp.Status)
		}
		u.m.inc("status")
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if u.debug {
				log.Printf("retrying in %v", delay)
			}
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
