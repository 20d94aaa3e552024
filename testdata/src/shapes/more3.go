package shapes

import (
	"context"
	"errors"
	"log"
	"net/http"
	"strconv"
	"time"
)

// Refreshes you cannot see into (point 2).

// Session is an interface of an auth library: it can renew its token.
type Session interface {
	RenewToken(ctx context.Context) error
	Header() string
}

// crawler calls an API with a session's header.
type crawler struct {
	c    *http.Client
	sess Session
}

// fetchNoRenew retries a 401 on the session's old header.
func (cr *crawler) fetchNoRenew(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Authorization", cr.sess.Header())
		resp, err := cr.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchRenewStale renews through the interface but resends the request
// built before the loop.
func (cr *crawler) fetchRenewStale(ctx context.Context, url string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("Authorization", cr.sess.Header())
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := cr.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := cr.sess.RenewToken(ctx); err != nil {
				return nil, err
			}
			continue // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchRenewed renews through the interface and sets the new header on
// the next request.
func (cr *crawler) fetchRenewed(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Authorization", cr.sess.Header())
		resp, err := cr.c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			if err := cr.sess.RenewToken(ctx); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Findings where the fix goes (point 3).

// retryableStatus is a decision over a status code that takes 400 for
// transient.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusBadRequest, http.StatusTooManyRequests, http.StatusBadGateway:
		return true // the deciding line for 400
	}
	return false
}

// fetchByStatus retries what retryableStatus says, with backoff.
func (cr *crawler) fetchByStatus(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := cr.c.Get(url)
		if err != nil {
			return nil, err
		}
		if retryableStatus(resp.StatusCode) {
			resp.Body.Close()
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs)*time.Second + time.Duration(1<<attempt)*time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// pauseFor is a delay helper that ignores what it is told.
func pauseFor(attempt int, resp *http.Response) time.Duration {
	return 750 * time.Millisecond
}

// fetchPaused waits pauseFor between the gateway errors.
func (cr *crawler) fetchPaused(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := cr.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(pauseFor(attempt, resp))
			continue // want `retry of 504 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Values through variables, fields and functions (point 4).

// throttle keeps the last Retry-After it saw, in seconds.
type throttle struct {
	c     *http.Client
	after int
}

// note stores the header's seconds in the field.
func (t *throttle) note(resp *http.Response) {
	t.after, _ = strconv.Atoi(resp.Header.Get("Retry-After"))
}

// fetchFieldNoUnit sleeps the field's seconds as nanoseconds.
func (t *throttle) fetchFieldNoUnit(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := t.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			wait := time.Duration(secs) // want `Retry-After is in seconds but becomes a time.Duration with no unit, which waits that many nanoseconds: multiply by time.Second`
			time.Sleep(wait)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchHeaderIgnoredForDefault sets a default and logs the header.
func (t *throttle) fetchHeaderIgnoredForDefault(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := t.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			wait := 5 * time.Second
			log.Printf("server asks for %s seconds, waiting %v", resp.Header.Get("Retry-After"), wait)
			time.Sleep(wait)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchParsedMillis parses the header as a float and scales it wrongly.
func (t *throttle) fetchParsedMillis(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := t.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, _ := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64)
			time.Sleep(time.Duration(secs) * time.Millisecond) // want `Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second`
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchFloatSeconds parses the header as a float and scales it to
// seconds.
func (t *throttle) fetchFloatSeconds(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := t.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, _ := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64)
			time.Sleep(time.Duration(secs * float64(time.Second)))
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchNotedField waits the seconds its note method kept, with the unit.
func (t *throttle) fetchNotedField(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := t.c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				secs = 1 << attempt
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
