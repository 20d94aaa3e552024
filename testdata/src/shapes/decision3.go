package shapes

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Decision functions say whether to retry and how long to wait first:
// retry, wait := decide(resp, attempt).

// decideWithTypo retries 404 among the server errors, after a pause that
// grows.
func decideWithTypo(resp *http.Response, attempt int) (bool, time.Duration) {
	switch {
	case resp.StatusCode >= 500:
		return true, time.Second << attempt
	case resp.StatusCode == http.StatusNotFound:
		return true, time.Second << attempt
	}
	return false, 0
}

// decideThrottleFixed waits a growing pause on 429 without reading the
// header.
func decideThrottleFixed(resp *http.Response, attempt int) (bool, time.Duration) {
	if resp.StatusCode == http.StatusTooManyRequests {
		return true, 250 * time.Millisecond << attempt
	}
	return false, 0
}

// decideGatewayFlat waits the same on every gateway error.
func decideGatewayFlat(resp *http.Response, attempt int) (bool, time.Duration) {
	if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
		return true, 2 * time.Second
	}
	return false, 0
}

// retryPolicy is a decision kept on a value.
type retryPolicy struct {
	base time.Duration
}

// decide retries 400 with the server errors.
func (p retryPolicy) decide(resp *http.Response, attempt int) (bool, time.Duration) {
	if resp.StatusCode == http.StatusBadRequest || resp.StatusCode >= 500 {
		return true, p.base << attempt
	}
	return false, 0
}

// decideRight waits the header on 429 and backs off on the server errors.
func decideRight(resp *http.Response, attempt int) (bool, time.Duration) {
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
		if err != nil {
			return false, 0
		}
		return true, time.Duration(secs) * time.Second
	case resp.StatusCode >= 500:
		return true, time.Second << attempt
	}
	return false, 0
}

// sendDecided follows decideWithTypo.
func (m *mailer) sendDecided(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		retry, wait := decideWithTypo(resp, attempt)
		if !retry {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(wait)
		continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
	}
	return nil, errors.New("out of attempts")
}

// sendThrottleDecided follows decideThrottleFixed.
func (m *mailer) sendThrottleDecided(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if retry, wait := decideThrottleFixed(resp, attempt); retry {
			resp.Body.Close()
			time.Sleep(wait)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// sendGatewayDecided follows decideGatewayFlat.
func (m *mailer) sendGatewayDecided(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if retry, wait := decideGatewayFlat(resp, attempt); retry {
			resp.Body.Close()
			time.Sleep(wait)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// sendPolicyDecided follows a policy value's decide.
func (m *mailer) sendPolicyDecided(req *http.Request) (*http.Response, error) {
	p := retryPolicy{base: 500 * time.Millisecond}
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if retry, wait := p.decide(resp, attempt); retry {
			resp.Body.Close()
			time.Sleep(wait)
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// sendDecidedRight follows decideRight.
func (m *mailer) sendDecidedRight(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		retry, wait := decideRight(resp, attempt)
		if !retry {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(wait)
	}
	return nil, errors.New("out of attempts")
}

// sendGatewayOwnPause asks decideGatewayFlat but backs off on its own.
func (m *mailer) sendGatewayOwnPause(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if retry, _ := decideGatewayFlat(resp, attempt); retry {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// sendThrottleExits gives up when decideThrottleFixed says no, and asks
// it only about 503.
func (m *mailer) sendThrottleExits(req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := m.httpClient.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		if retry, wait := decideRight(resp, attempt); retry {
			resp.Body.Close()
			time.Sleep(wait)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
