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

// syncer copies records between two endpoints of the same service.
type syncer struct {
	c       *http.Client
	base    string
	verbose bool
	trace   bool
	m       *metrics
	onRetry func(attempt int, status int)
}

// getStatus sends one GET and hands back the status.
func (s *syncer) getStatus(ctx context.Context, path string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// pullThenPush sends two requests per iteration and retries either
// failure, 403 among them.
func (s *syncer) pullThenPush(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		pull, err := s.c.Get(s.base + "/records")
		if err != nil {
			return err
		}
		pull.Body.Close()
		if pull.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		push, err := s.c.Post(s.base+"/mirror", "application/json", nil)
		if err != nil {
			return err
		}
		push.Body.Close()
		if push.StatusCode != http.StatusOK {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return nil
	}
	return errors.New("sync: out of attempts")
}

// statusThroughHelper retries whatever status its helper reports, 404
// among them.
func (s *syncer) statusThroughHelper(ctx context.Context, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		status, err := s.getStatus(ctx, path) // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
		if err != nil {
			return err
		}
		if status == http.StatusOK {
			return nil
		}
		if s.verbose {
			log.Printf("%s: status %d, attempt %d", path, status, attempt)
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return errors.New("out of attempts")
}

// instrumented counts, traces and calls a hook between the attempt and
// the decision, then retries 429 at a fixed pace.
func (s *syncer) instrumented(ctx context.Context, path string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, nil)
		resp, err := s.c.Do(req)
		s.m.inc("requests")
		if err != nil {
			s.m.inc("errors")
			return nil, err
		}
		if s.trace {
			log.Printf("trace: %s %d", path, resp.StatusCode)
		}
		if s.verbose {
			log.Printf("%s -> %s", path, resp.Status)
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			s.m.inc("throttled")
			if s.onRetry != nil {
				s.onRetry(attempt, resp.StatusCode)
			}
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// fetchWrapped wraps the status in its own error with %w.
func (s *syncer) fetchWrapped(ctx context.Context, path string) error {
	code, err := s.getStatus(ctx, path)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", path, err)
	}
	if code >= 400 {
		return fmt.Errorf("fetch %s: %w", path, &StatusError{StatusCode: code})
	}
	return nil
}

// wrappedRetriesClientErrors classifies the wrapped status and retries
// every 4xx and 5xx alike.
func (s *syncer) wrappedRetriesClientErrors(ctx context.Context, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := s.fetchWrapped(ctx, path)
		var se *StatusError
		if errors.As(err, &se) && se.StatusCode >= 400 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return err
	}
	return errors.New("out of attempts")
}

// Near misses.

// pullThenPushRight gives up on any 4xx of either request.
func (s *syncer) pullThenPushRight(ctx context.Context) error {
	for attempt := 0; attempt < 3; attempt++ {
		pull, err := s.c.Get(s.base + "/records")
		if err != nil {
			return err
		}
		pull.Body.Close()
		if pull.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		push, err := s.c.Post(s.base+"/mirror", "application/json", nil)
		if err != nil {
			return err
		}
		push.Body.Close()
		if push.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		if push.StatusCode != http.StatusOK {
			return fmt.Errorf("push: status %d", push.StatusCode)
		}
		return nil
	}
	return errors.New("sync: out of attempts")
}

// instrumentedRight counts, traces and calls the hook, and waits what a
// 429 asks for.
func (s *syncer) instrumentedRight(ctx context.Context, path string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+path, nil)
		resp, err := s.c.Do(req)
		s.m.inc("requests")
		if err != nil {
			s.m.inc("errors")
			return nil, err
		}
		if s.trace {
			log.Printf("trace: %s %d", path, resp.StatusCode)
		}
		if s.verbose {
			log.Printf("%s -> %s", path, resp.Status)
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			s.m.inc("throttled")
			if s.onRetry != nil {
				s.onRetry(attempt, resp.StatusCode)
			}
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// wrappedServerOnly retries only the wrapped 5xx, with a growing pause.
func (s *syncer) wrappedServerOnly(ctx context.Context, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := s.fetchWrapped(ctx, path)
		var se *StatusError
		if errors.As(err, &se) && se.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// helperStatusRight retries only the 5xx its helper reports.
func (s *syncer) helperStatusRight(ctx context.Context, path string) error {
	for attempt := 0; attempt < 3; attempt++ {
		status, err := s.getStatus(ctx, path)
		if err != nil {
			return err
		}
		if status < 500 {
			if status != http.StatusOK {
				return fmt.Errorf("%s: status %d", path, status)
			}
			return nil
		}
		if s.verbose {
			log.Printf("%s: status %d, attempt %d", path, status, attempt)
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return errors.New("out of attempts")
}
