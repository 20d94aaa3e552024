package shapes

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"
)

// Clients skip the pause after the last attempt: nothing follows it. The
// path that skips the pause ends the loop and is not a retry; the other
// paths are judged as always.

// poller polls a job endpoint with a configured number of attempts.
type poller struct {
	hc          *http.Client
	base        string
	maxRetries  int
	maxAttempts int
	limit       int
	delays      []time.Duration
}

// pollNoPauseAfterLast skips the pause only after the last attempt, but
// retries 404 on the others.
func (p *poller) pollNoPauseAfterLast(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i < p.maxRetries-1 {
				time.Sleep(time.Second << i)
			}
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollOtherBound guards the pause with one bound and loops to another: the
// rounds between them retry 502 at once.
func (p *poller) pollOtherBound(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.limit; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i < p.maxRetries-1 {
				time.Sleep(time.Second << i)
			}
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollScheduleThrottled waits the schedule's pause, not the header, on
// 429, except after the last.
func (p *poller) pollScheduleThrottled(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < len(p.delays); i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			if i+1 < len(p.delays) {
				time.Sleep(2 * time.Second)
			}
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollFirstSkipped skips the pause after the first attempt instead of the
// last: the second attempt follows at once.
func (p *poller) pollFirstSkipped(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			if i > 0 {
				time.Sleep(time.Second << i)
			}
			continue // want `retry of 504 with no delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// Near misses.

// pollLastGuarded backs off on 502 and skips the pause after the last
// attempt.
func (p *poller) pollLastGuarded(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i < p.maxRetries-1 {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollFromOne counts attempts from one up to and including the maximum.
func (p *poller) pollFromOne(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 1; attempt <= p.maxAttempts; attempt++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			if attempt < p.maxAttempts {
				time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollMirrored writes the bound first.
func (p *poller) pollMirrored(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; p.maxRetries > i; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if p.maxRetries-1 > i {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollNegated says it the other way round.
func (p *poller) pollNegated(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			if !(i >= p.maxRetries-1) {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollLastLogged logs instead of pausing on the last attempt.
func (p *poller) pollLastLogged(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i == p.maxRetries-1 {
				log.Printf("poll %s: giving up", id)
			} else {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollRangeRetries ranges over one more than the retries.
func (p *poller) pollRangeRetries(ctx context.Context, id string) (*http.Response, error) {
	for i := range p.maxRetries + 1 {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i+1 < p.maxRetries+1 {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollDelaysIndexed waits the configured delays by index, none after the
// last.
func (p *poller) pollDelaysIndexed(ctx context.Context, id string) (*http.Response, error) {
	for i := range p.delays {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if i < len(p.delays)-1 {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("poll %s: out of attempts", id)
}

// pollEqualLast stops the pause when the counter reaches the last index
// by an equality.
func (p *poller) pollEqualLast(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i < p.maxRetries; i++ {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			if i+1 != p.maxRetries {
				time.Sleep(time.Second << i)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollCountdownFirst counts down and skips the pause after the first
// attempt, not the last: the second follows at once.
func (p *poller) pollCountdownFirst(ctx context.Context, id string) (*http.Response, error) {
	for left := p.maxRetries; left > 0; left-- {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if left < p.maxRetries {
				time.Sleep(time.Second << (p.maxRetries - left))
			}
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollCountdown counts the attempts left down to zero and skips the pause
// when none is left.
func (p *poller) pollCountdown(ctx context.Context, id string) (*http.Response, error) {
	for left := p.maxRetries; left > 0; left-- {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			if left > 1 {
				time.Sleep(time.Second << (p.maxRetries - left))
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollTriesLeft decrements in the body and asks the loop's own condition
// before pausing.
func (p *poller) pollTriesLeft(ctx context.Context, id string) (*http.Response, error) {
	tries := p.maxAttempts
	delay := time.Second
	for tries > 0 {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			tries--
			if tries > 0 {
				time.Sleep(delay)
				delay *= 2
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}

// pollCountdownToOne counts down to one inclusive.
func (p *poller) pollCountdownToOne(ctx context.Context, id string) (*http.Response, error) {
	for left := p.maxAttempts; left >= 1; left-- {
		resp, err := p.hc.Get(p.base + "/jobs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			if left != 1 {
				time.Sleep(time.Duration(1<<(p.maxAttempts-left)) * 200 * time.Millisecond)
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("poll: out of attempts")
}
