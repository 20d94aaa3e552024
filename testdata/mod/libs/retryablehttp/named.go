package retryablehttp

import (
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// forge is a client whose Backoff is a method of its own, wired by name,
// in the shape of a code-hosting SDK: the finding goes inside it.
type forge struct {
	client *retryablehttp.Client
}

// backoff waits the header on 429 and a linear jitter on the rest.
func (f *forge) backoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			return time.Duration(secs) * time.Second
		}
	}
	return retryablehttp.LinearJitterBackoff(700*time.Millisecond, 900*time.Millisecond, attemptNum, resp) // want `retry of 502 with a linear delay: grow the delay exponentially per attempt`
}

// newForge wires the method value.
func newForge() *forge {
	f := &forge{}
	f.client = &retryablehttp.Client{
		HTTPClient: &http.Client{Timeout: 30 * time.Second},
		RetryMax:   5,
		CheckRetry: retryablehttp.DefaultRetryPolicy,
		Backoff:    f.backoff,
	}
	return f
}

// growingBackoff doubles on the rest: a named Backoff with no finding.
func growingBackoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			return time.Duration(secs) * time.Second
		}
	}
	return min << attemptNum
}

// newGrowingClient wires growingBackoff.
func newGrowingClient() *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Backoff = growingBackoff
	return c
}
