package shapes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"time"
)

// The attempt inside a function literal that the loop calls at once:
// clients write it to build the request afresh for every attempt (its body
// reader is spent by the last one) and to close the response body with a
// defer that runs before the next attempt.

// pusher pushes batches to a collector, as exporters do.
type pusher struct {
	hc    *http.Client
	url   string
	token string
	auth  Authenticator
}

// ingestError is what a push returns for a status other than success.
type ingestError struct {
	Status int
	Body   string
}

func (e *ingestError) Error() string { return "ingest: status " + strconv.Itoa(e.Status) }

// pushRebuilt builds and sends the request in a literal and retries 404
// with the server errors.
func (p *pusher) pushRebuilt(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/x-protobuf")
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushThrottled retries 429 after a fixed second, the header unread.
func (p *pusher) pushThrottled(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Second)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushDecoded closes the body in the literal and hands back a typed error;
// the loop retries 403 with the server errors.
func (p *pusher) pushDecoded(ctx context.Context, batch []byte, out any) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := func() error {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return err
			}
			resp, err := p.hc.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 300 {
				b, _ := io.ReadAll(resp.Body)
				return &ingestError{Status: resp.StatusCode, Body: string(b)}
			}
			return json.NewDecoder(resp.Body).Decode(out)
		}()
		var ie *ingestError
		if errors.As(err, &ie) && (ie.Status == http.StatusForbidden || ie.Status >= 500) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
		}
		return err
	}
	return errors.New("push: out of attempts")
}

// pushInitStmt calls the literal in the if statement's init and retries
// every typed failure but 401, after a pause that grows by a constant.
func (p *pusher) pushInitStmt(ctx context.Context, batch []byte) error {
	var last error
	for attempt := 0; attempt < 3; attempt++ {
		if err := func() error {
			resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(batch))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("push %s: %w", p.url, &ingestError{Status: resp.StatusCode})
			}
			return nil
		}(); err != nil {
			var ie *ingestError
			if errors.As(err, &ie) && ie.Status != http.StatusUnauthorized {
				last = err
				time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
				continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 502 with a linear delay: grow the delay exponentially per attempt`
			}
			return err
		}
		return nil
	}
	return last
}

// pushOuterErr assigns the literal's error to a variable of the function
// and retries 502 at once.
func (p *pusher) pushOuterErr(ctx context.Context, batch []byte) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = func() error {
			req, rerr := http.NewRequestWithContext(ctx, http.MethodPut, p.url, bytes.NewReader(batch))
			if rerr != nil {
				return rerr
			}
			resp, rerr := p.hc.Do(req)
			if rerr != nil {
				return rerr
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 400 {
				return &ingestError{Status: resp.StatusCode}
			}
			return nil
		}()
		var ie *ingestError
		if errors.As(err, &ie) && ie.Status == http.StatusBadGateway {
			log.Printf("push: bad gateway, attempt %d", attempt)
			continue // want `retry of 502 with no delay: grow the delay exponentially per attempt`
		}
		break
	}
	return err
}

// pushRetryAfterMillis reads Retry-After after the literal returns and
// takes it for milliseconds.
func (p *pusher) pushRetryAfterMillis(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			n, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(n) * time.Millisecond) // want `Retry-After is in seconds but is multiplied by time.Millisecond: multiply by time.Second`
			continue
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushBearer sets the Authorization header from the stored token in the
// literal and retries 401 with the same token.
func (p *pusher) pushBearer(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Authorization", "Bearer "+p.token)
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusServiceUnavailable {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 401 without refreshing the token: refresh it before the next attempt`
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushSchedule ranges over a schedule of pauses and retries 404 among the
// server errors.
func (p *pusher) pushSchedule(ctx context.Context, batch []byte) error {
	for _, pause := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK, http.StatusAccepted:
			return nil
		case http.StatusNotFound, http.StatusBadGateway, http.StatusServiceUnavailable:
			time.Sleep(pause)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return fmt.Errorf("push: status %d", resp.StatusCode)
	}
	return errors.New("push: out of attempts")
}

// pushThroughDoer sends through the options' HTTPClient inside the
// literal and retries 504 after a fixed pause.
func (p *pusher) pushThroughDoer(ctx context.Context, hc HTTPClient, batch []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(2 * time.Second)
			continue // want `retry of 504 with a constant delay: grow the delay exponentially per attempt`
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushLabeled retries 400 from an inner loop over the batch's parts with
// a labeled continue.
func (p *pusher) pushLabeled(ctx context.Context, parts [][]byte) error {
parts:
	for _, part := range parts {
		for attempt := 0; attempt < 3; attempt++ {
			err := func() error {
				resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(part))
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if resp.StatusCode >= 400 {
					return &ingestError{Status: resp.StatusCode}
				}
				return nil
			}()
			if err == nil {
				continue parts
			}
			var ie *ingestError
			if errors.As(err, &ie) && (ie.Status == http.StatusBadRequest || ie.Status >= 500) {
				time.Sleep(time.Duration(1<<attempt) * time.Second)
				continue // want `retry of 400, which is never retryable: fix the request and return the error`
			}
			return err
		}
	}
	return nil
}

// Near misses.

// pushRebuiltRight retries only the server errors, backing off.
func (p *pusher) pushRebuiltRight(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushThrottledRight waits the header's seconds on 429.
func (p *pusher) pushThrottledRight(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
			if err != nil {
				return fmt.Errorf("push: throttled: %w", err)
			}
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushDecodedRight retries only the typed server errors.
func (p *pusher) pushDecodedRight(ctx context.Context, batch []byte, out any) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := func() error {
			resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(batch))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 300 {
				return &ingestError{Status: resp.StatusCode}
			}
			return json.NewDecoder(resp.Body).Decode(out)
		}()
		var ie *ingestError
		if errors.As(err, &ie) && ie.Status >= 500 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("push: out of attempts")
}

// pushOpaque retries whatever the literal returns; the status is only in
// the text, so nothing can be said.
func (p *pusher) pushOpaque(ctx context.Context, batch []byte) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = func() error {
			resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(batch))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("push: status %d", resp.StatusCode)
			}
			return nil
		}()
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// pushSelfRetrying calls a literal that retries on its own; the outer loop
// repeats the whole batch once the literal has given up, which is its
// own decision. Silent.
func (p *pusher) pushSelfRetrying(ctx context.Context, batches [][]byte) error {
	for _, b := range batches {
		err := func() error {
			for attempt := 0; attempt < 3; attempt++ {
				resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(b))
				if err != nil {
					return err
				}
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					time.Sleep(time.Duration(1<<attempt) * time.Second)
					continue
				}
				return nil
			}
			return errors.New("out of attempts")
		}()
		if err != nil {
			log.Printf("push: %v", err)
		}
	}
	return nil
}

// pushRenewing renews the token through the Authenticator before the next
// attempt, whose literal sets the header from the stored token again.
func (p *pusher) pushRenewing(ctx context.Context, batch []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Authorization", "Bearer "+p.token)
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := p.auth.RenewAccessToken(ctx); err != nil {
				return err
			}
			continue
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushOnce calls the literal once, outside any loop.
func (p *pusher) pushOnce(ctx context.Context, batch []byte) error {
	resp, err := func() (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
		if err != nil {
			return nil, err
		}
		return p.hc.Do(req)
	}()
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return errors.New("push: no such collector")
	}
	return nil
}

// pushEach loops over batches, not attempts: a failed batch is not sent
// again. Silent.
func (p *pusher) pushEach(ctx context.Context, batches [][]byte) error {
	for _, b := range batches {
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return p.hc.Do(req)
		}()
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			log.Printf("push: collector gone, batch dropped")
			continue
		}
	}
	return nil
}

// pushChattyRight logs in and around the literal and backs off on 503
// only.
func (p *pusher) pushChattyRight(ctx context.Context, batch []byte, verbose bool) error {
	delay := 250 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		if verbose {
			log.Printf("push attempt %d", attempt)
		}
		resp, err := func() (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(batch))
			if err != nil {
				return nil, err
			}
			if verbose {
				log.Printf("push %s", req.URL)
			}
			return p.hc.Do(req)
		}()
		if verbose {
			log.Printf("push: %v", err)
		}
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			if verbose {
				log.Printf("push: unavailable, waiting %s", delay)
			}
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return nil
	}
	return errors.New("push: out of attempts")
}

// pushLabeledRight retries only the typed server errors of each part.
func (p *pusher) pushLabeledRight(ctx context.Context, parts [][]byte) error {
parts:
	for _, part := range parts {
		for attempt := 0; attempt < 3; attempt++ {
			err := func() error {
				resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(part))
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if resp.StatusCode >= 400 {
					return &ingestError{Status: resp.StatusCode}
				}
				return nil
			}()
			if err == nil {
				continue parts
			}
			var ie *ingestError
			if errors.As(err, &ie) && ie.Status >= 500 {
				time.Sleep(time.Duration(1<<attempt) * time.Second)
				continue
			}
			return err
		}
	}
	return nil
}
