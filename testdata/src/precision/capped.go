package precision

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net/http"
	"time"
)

// RetryPolicy is a DNS provider SDK's retry settings.
type RetryPolicy struct {
	MaxRetries    int
	MinRetryDelay time.Duration
	MaxRetryDelay time.Duration
}

// API is a DNS provider's client.
type API struct {
	http        *http.Client
	retryPolicy RetryPolicy
}

// makeRequest doubles its pause from MinRetryDelay and caps it at
// MaxRetryDelay: a capped exponential delay, right for 502. But it retries
// 429 on the same pause and never reads Retry-After.
func (api *API) makeRequest(ctx context.Context, req *http.Request) ([]byte, error) {
	var resp *http.Response
	var respErr error
	for i := 0; i <= api.retryPolicy.MaxRetries; i++ {
		if i > 0 {
			sleepDuration := time.Duration(math.Pow(2, float64(i-1)) * float64(api.retryPolicy.MinRetryDelay))
			if sleepDuration > api.retryPolicy.MaxRetryDelay {
				sleepDuration = api.retryPolicy.MaxRetryDelay
			}
			select {
			case <-time.After(sleepDuration):
			case <-ctx.Done():
				return nil, fmt.Errorf("operation aborted during backoff: %w", ctx.Err())
			}
		}
		resp, respErr = api.http.Do(req)
		if respErr != nil && errors.Is(respErr, context.DeadlineExceeded) {
			return nil, respErr
		}
		if respErr != nil || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
				respErr = errors.New("exceeded available rate limit retries")
			}
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, respErr
}

// getCappedMin caps with the min builtin, plus jitter. Silent.
func getCappedMin(client *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 6; attempt++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusBadGateway && resp.StatusCode != http.StatusGatewayTimeout {
			return resp, nil
		}
		resp.Body.Close()
		d := min(100*time.Millisecond<<attempt, 10*time.Second)
		d += time.Duration(rand.Int63n(int64(50 * time.Millisecond)))
		time.Sleep(d)
	}
	return nil, errors.New("out of attempts")
}

// getCappedMathMin caps with math.Min on float seconds. Silent.
func getCappedMathMin(client *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 6; attempt++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 500 {
			return resp, nil
		}
		resp.Body.Close()
		secs := math.Min(math.Pow(2, float64(attempt))*0.25, 30)
		time.Sleep(time.Duration(secs * float64(time.Second)))
	}
	return nil, errors.New("out of attempts")
}

// getCappedGE clamps with >= against a constant well above the start.
// Silent.
func getCappedGE(client *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 6; attempt++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusBadGateway {
			return resp, nil
		}
		resp.Body.Close()
		wait := 200 * time.Millisecond << attempt
		if wait >= 5*time.Second {
			wait = 5 * time.Second
		}
		time.Sleep(wait)
	}
	return nil, errors.New("out of attempts")
}

// getCappedFromStart caps the doubling delay at its own first value: it
// is one second on every attempt, a constant delay.
func getCappedFromStart(client *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 6; attempt++ {
		resp, err := client.Get(url) // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusBadGateway {
			return resp, nil
		}
		resp.Body.Close()
		delay := time.Second << attempt
		if delay > time.Second {
			delay = time.Second
		}
		time.Sleep(delay)
	}
	return nil, errors.New("out of attempts")
}
