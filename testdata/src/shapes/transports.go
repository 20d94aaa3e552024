package shapes

import (
	"context"
	"errors"
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

// embedded embeds its Doer: c.Do is an HTTP attempt.
type embedded struct {
	Doer
	base string
}

// fetch retries 403 through the embedded Doer.
func (e *embedded) fetch(req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := e.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusForbidden {
			resp.Body.Close()
			time.Sleep(time.Second << i)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchRight retries only 503 through the embedded Doer. Silent.
func (e *embedded) fetchRight(req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := e.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(time.Second << i)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// sendVia takes the Doer as a parameter and retries every 5xx at once.
func sendVia(d Doer, req *http.Request) (*http.Response, error) {
	for i := range 3 {
		resp, err := d.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 && i < 2 {
			resp.Body.Close()
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// sendViaJitter takes the Doer as a parameter and backs off with full
// jitter over a doubling ceiling. Silent.
func sendViaJitter(d Doer, req *http.Request) (*http.Response, error) {
	for i := range 5 {
		resp, err := d.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
		ceiling := int64(100*time.Millisecond) << i
		time.Sleep(time.Duration(rand.Int63n(ceiling)))
	}
	return nil, errors.New("out of attempts")
}

// unauthorizedTransport retries 401 inside its RoundTrip, with the same
// header.
type unauthorizedTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t unauthorizedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for i := 0; i < 2; i++ {
		resp, err := t.base.RoundTrip(req) // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusUnauthorized {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(100 * time.Millisecond)
	}
	return nil, errors.New("unauthorized")
}

// rateTransport waits Retry-After inside its RoundTrip. Silent.
type rateTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *rateTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for i := 0; ; i++ {
		resp, err := t.base.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests || i == 3 {
			return resp, err
		}
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		resp.Body.Close()
		if err != nil {
			secs = 1
		}
		time.Sleep(time.Duration(secs) * time.Second)
	}
}

// objects is an SDK built on a Doer; getRaw is an attempt maker whose
// response callers classify.
type objects struct {
	http Doer
	base string
}

func (o *objects) getRaw(ctx context.Context, key string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.base+"/"+key, nil)
	if err != nil {
		return nil, err
	}
	return o.http.Do(req)
}

// waitForObject polls the SDK method until the object exists: a retry of
// 404.
func waitForObject(ctx context.Context, o *objects, key string) (*http.Response, error) {
	for attempt := 0; attempt < 10; attempt++ {
		resp, err := o.getRaw(ctx, key)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusNotFound {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(time.Second)
		continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
	}
	return nil, errors.New("object never appeared")
}

// readObject retries the SDK method on 502 and 504 with backoff. Silent.
func readObject(ctx context.Context, o *objects, key string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := o.getRaw(ctx, key)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(250 * time.Millisecond << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
