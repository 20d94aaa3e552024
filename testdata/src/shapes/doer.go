// Package shapes holds retry code written the way production Go clients
// are: HTTP behind interfaces and transports, refreshes behind interfaces,
// several attempts in one iteration, logging between the attempt and the
// decision. Each shape has positives and near misses.
package shapes

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

// Doer is how SDKs hide the HTTP client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configures a client; its HTTPClient is any Doer.
type Options struct {
	HTTPClient Doer
	MaxRetries int
}

// SDK is a client whose transport is an interface.
type SDK struct {
	opts Options
	base string
}

// getObject retries a 404 through the Doer, as if the object might
// appear.
func (s *SDK) getObject(ctx context.Context, key string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/objects/"+key, nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt <= s.opts.MaxRetries; attempt++ {
		resp, err := s.opts.HTTPClient.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("object never appeared")
}

// getObjectHonoursRetryAfter waits the header on 429 and gives up on
// everything else but 5xx, which backs off. Silent.
func (s *SDK) getObjectHonoursRetryAfter(ctx context.Context, key string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/objects/"+key, nil)
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt <= s.opts.MaxRetries; attempt++ {
		resp, err := s.opts.HTTPClient.Do(req)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			resp.Body.Close()
			time.Sleep(time.Duration(secs) * time.Second)
		case resp.StatusCode >= 500:
			resp.Body.Close()
			time.Sleep(100 * time.Millisecond << attempt)
		default:
			return resp, nil
		}
	}
	return nil, errors.New("out of attempts")
}

// retryTransport is a RoundTripper that retries inside its own RoundTrip.
type retryTransport struct {
	next  http.RoundTripper
	tries int
}

// RoundTrip retries 429 at a fixed pace, never reading Retry-After.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < t.tries; i++ {
		resp, err = t.next.RoundTrip(req) // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		if err != nil || resp.StatusCode != http.StatusTooManyRequests {
			return resp, err
		}
		resp.Body.Close()
		time.Sleep(500 * time.Millisecond)
	}
	return resp, err
}

// backoffTransport retries 502, 503 and 504 with full jitter over a
// doubling ceiling and passes everything else back. Silent.
type backoffTransport struct {
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t backoffTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ceiling := 200 * time.Millisecond
	for i := 0; ; i++ {
		resp, err := t.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		if i == 4 || (resp.StatusCode != http.StatusBadGateway && resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusGatewayTimeout) {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(ceiling + time.Duration(rand.Int63n(int64(ceiling))))
		ceiling *= 2
	}
}

// funcClient sends through a function-typed field.
type funcClient struct {
	send func(*http.Request) (*http.Response, error)
}

// post retries every 5xx after a fixed second.
func (c *funcClient) post(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.send(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// queue has a Do method of another shape: it is not an HTTP request.
type queue struct{}

func (queue) Do(ctx context.Context, job string) (int, error) { return 0, nil }

// drain retries a job by its own status codes: not an HTTP attempt, not a
// site. Silent.
func drain(ctx context.Context, q queue) error {
	for i := 0; i < 3; i++ {
		code, err := q.Do(ctx, "job")
		if err != nil {
			return err
		}
		if code == 400 {
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return fmt.Errorf("out of attempts")
}
