package unbounded

import (
	"bytes"
	"errors"
	"log"
	"net/http"
	"strconv"
	"time"

	"context"
	"sdk"
)

// client is an agent runtime's hand-written client.
type client struct {
	http *http.Client
	base string
	c    *sdk.Client
}

// sendCounted recurses on 502 with the counter raised but on 429 with it
// unchanged, after the server's wait: the 429 way has no bound (the shape
// of a chat library's request function).
func (c *client) sendCounted(body []byte, sequence int) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, c.base+"/v1/sessions/s1/report-event", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusBadGateway:
		resp.Body.Close()
		if sequence < 3 {
			time.Sleep(time.Duration(1<<sequence) * time.Second)
			return c.sendCounted(body, sequence+1)
		}
		return nil, errors.New("out of attempts")
	case http.StatusTooManyRequests:
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(secs) * time.Second)
		return c.sendCounted(body, sequence) // want `recursion retries 429 without counting the attempt, so it can recur forever: pass the attempt counter on changed, or stop on ctx.Done\(\) or a deadline`
	}
	return resp, nil
}

// rateLimitedForever waits the SDK's RetryAfter on every rate limit, for
// as long as the API keeps answering 429.
func (c *client) rateLimitedForever(id string) (*sdk.Session, error) {
	for { // want `retry loop without a bound retries RATE_LIMIT_EXCEEDED forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		s, err := c.c.GetSession(context.Background(), id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeRateLimitExceeded {
			time.Sleep(apiErr.RetryAfter)
			continue
		}
		return s, err
	}
}

// countedNotTested counts the attempts for the log but never stops on
// the count.
func (c *client) countedNotTested(url string) (*http.Response, error) {
	attempt := 0
	for { // want `retry loop without a bound retries 500 forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		attempt++
		resp, err := c.http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			log.Printf("attempt %d: status %d", attempt, resp.StatusCode)
			time.Sleep(time.Duration(attempt) * time.Second)
			continue
		}
		return resp, nil
	}
}

// forTrue spells the endless loop with a constant condition.
func (c *client) forTrue(url string) (*http.Response, error) {
	for true { // want `retry loop without a bound retries 502 forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		resp, err := c.http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(5 * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, nil
}

// reconnect dials again after every transport error, forever.
func (c *client) reconnect(url string) *http.Response {
	delay := time.Second
	for { // want `retry loop without a bound retries transport error forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		resp, err := c.http.Get(url)
		if err == nil {
			return resp
		}
		log.Printf("poll %s: %v; retrying in %v", url, err, delay)
		time.Sleep(delay)
		if delay < time.Minute {
			delay *= 2
		}
	}
}

// pollRecursive polls a session by calling itself on every failure.
func (c *client) pollRecursive(id string) (*sdk.Session, error) {
	s, err := c.c.GetSession(context.Background(), id)
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) && (apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout) {
		time.Sleep(2 * time.Second)
		return c.pollRecursive(id) // want `recursion without a bound retries BACKEND_ERROR forever: pass the attempts left and stop at zero, or stop on ctx.Done\(\) or a deadline`
	}
	return s, err
}

// labeledForever retries the whole batch from an outer endless loop.
func (c *client) labeledForever(urls []string) error {
outer:
	for { // want `retry loop without a bound retries 429 forever: cap the attempts, or stop on ctx.Done\(\) or a deadline`
		for _, u := range urls {
			resp, err := c.http.Get(u)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
				time.Sleep(time.Duration(secs) * time.Second)
				continue outer
			}
		}
		return nil
	}
}

// Near misses.

// recurseRaisesOnBoth raises the counter on both ways.
func (c *client) recurseRaisesOnBoth(body []byte, sequence int) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, c.base+"/v1/sessions/s1/report-event", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil || sequence >= 3 {
		return resp, err
	}
	switch resp.StatusCode {
	case http.StatusBadGateway:
		resp.Body.Close()
		time.Sleep(time.Duration(1<<sequence) * time.Second)
		return c.recurseRaisesOnBoth(body, sequence+1)
	case http.StatusTooManyRequests:
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(secs) * time.Second)
		return c.recurseRaisesOnBoth(body, sequence+1)
	}
	return resp, nil
}

// recurseDeadline stops at a deadline it carries.
func (c *client) recurseDeadline(url string, deadline time.Time) (*http.Response, error) {
	resp, err := c.http.Get(url)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests && time.Now().Before(deadline) {
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(secs) * time.Second)
		return c.recurseDeadline(url, deadline)
	}
	return resp, err
}

// countedTested caps the attempts it counts.
func (c *client) countedTested(url string) (*http.Response, error) {
	attempt := 0
	for {
		attempt++
		resp, err := c.http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 && attempt < 5 {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
}

// selectDone waits in a select that also watches the context.
func (c *client) selectDone(ctx context.Context, url string) (*http.Response, error) {
	for {
		resp, err := c.http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests {
			return resp, nil
		}
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(secs) * time.Second):
		}
	}
}

// budgetLeft stops when a budget it spends runs out.
func (c *client) budgetLeft(url string, budget *int) (*http.Response, error) {
	for {
		resp, err := c.http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
		*budget--
		if *budget <= 0 {
			return nil, errors.New("retry budget spent")
		}
		time.Sleep(time.Second << (5 - *budget))
	}
}

// pollingTicker is a poller: it stops when the session is active, and a
// failure ends it.
func (c *client) pollingTicker(id string) (*sdk.Session, error) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for range t.C {
		s, err := c.c.GetSession(context.Background(), id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
	}
	return nil, nil
}
