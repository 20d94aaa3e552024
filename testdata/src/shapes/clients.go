package shapes

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"
)

// HTTPClient is the interface an SDK takes in its options, as mailers and
// notification SDKs do.
type HTTPClient interface {
	Do(req *http.Request) (*http.Response, error)
}

// mailer sends through whatever HTTPClient it was given.
type mailer struct {
	httpClient HTTPClient
	endpoint   string
}

// sendFixedPause retries 5xx through the interface with a fixed pause.
func (m *mailer) sendFixedPause(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.endpoint, bytes.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(500 * time.Millisecond)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return nil
	}
	return errors.New("send: out of attempts")
}

// sendHonoursHeader waits what a 429 asks for, and backs off on 5xx.
func (m *mailer) sendHonoursHeader(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.endpoint, bytes.NewReader(body))
		if err != nil {
			return err
		}
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case resp.StatusCode >= 500:
			time.Sleep(time.Duration(math.Pow(2, float64(attempt))) * time.Second)
			continue
		}
		return nil
	}
	return errors.New("send: out of attempts")
}

// exporter embeds its *http.Client, as telemetry exporters do.
type exporter struct {
	*http.Client
	url string
}

// export retries a rate limit at a fixed pace through the embedded client.
func (e *exporter) export(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(batch))
		resp, err := e.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(2 * time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil
	}
	return errors.New("export: out of attempts")
}

// exportHeader waits the server's Retry-After through the embedded client.
func (e *exporter) exportHeader(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(batch))
		resp, err := e.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
				time.Sleep(time.Duration(s) * time.Second)
				continue
			}
		}
		return nil
	}
	return errors.New("export: out of attempts")
}

// hookClient sends through a function field its owner sets (a test hook,
// a tracing wrapper).
type hookClient struct {
	send func(*http.Request) (*http.Response, error)
}

// validate retries 400 through the function field.
func (h *hookClient) validate(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := h.send(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadRequest || resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("validate: out of attempts")
}

// validateServerOnly retries only 5xx through the function field.
func (h *hookClient) validateServerOnly(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := h.send(req)
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
	return nil, errors.New("validate: out of attempts")
}

// wrapped embeds a RoundTripper, as middleware transports do.
type wrapped struct {
	http.RoundTripper
}

// RoundTrip retries 403 through the embedded transport.
func (w wrapped) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := w.RoundTripper.RoundTrip(req)
		if err != nil || attempt == 2 {
			return resp, err
		}
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
		}
		return resp, nil
	}
}

// defaultTransport retries on http.DefaultTransport with no pause.
type defaultTransport struct{}

// RoundTrip retries 504 at once.
func (defaultTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err = http.DefaultTransport.RoundTrip(req) // want `retry of 504 with no delay: grow the delay exponentially per attempt`
		if err != nil || resp.StatusCode != http.StatusGatewayTimeout {
			return resp, err
		}
		resp.Body.Close()
	}
	return resp, err
}

// cloneTransport retries a clone of the request after a 401 without a
// new token.
type cloneTransport struct {
	base http.RoundTripper
}

// RoundTrip sends a clone per attempt.
func (t *cloneTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 2; attempt++ {
		resp, err := t.base.RoundTrip(req.Clone(req.Context()))
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized {
			resp.Body.Close()
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// pager fetches successive pages through the interface: a loop of calls,
// not a retry.
func pager(ctx context.Context, c HTTPClient, urls []string) ([]*http.Response, error) {
	var out []*http.Response
	for _, u := range urls {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := c.Do(req)
		if err != nil {
			return out, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return out, errors.New(resp.Status)
		}
		out = append(out, resp)
	}
	return out, nil
}

// passThrough sends once: nothing repeats it.
type passThrough struct {
	base http.RoundTripper
	ua   string
}

// RoundTrip sets a header and sends once.
func (p passThrough) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", p.ua)
	return p.base.RoundTrip(r)
}

// conflictRetried retries 409, which the policy lets be retried, with
// a growing delay.
func conflictRetried(ctx context.Context, c HTTPClient, req *http.Request) (*http.Response, error) {
	delay := 200 * time.Millisecond
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusConflict {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(delay)
		delay *= 2
	}
	return nil, errors.New("conflict persists")
}

// transportErrorsOnly retries only the failures with no response, with
// a doubling pause.
func transportErrorsOnly(ctx context.Context, c HTTPClient, req *http.Request) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(1<<attempt) * 100 * time.Millisecond):
		}
	}
	return nil, lastErr
}
