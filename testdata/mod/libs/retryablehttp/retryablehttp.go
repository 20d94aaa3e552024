// Package retryablehttp holds clients of github.com/hashicorp/go-retryablehttp.
// Its Client.Do sends a request again while the Client's CheckRetry says
// so, at most RetryMax times (4 from NewClient, 0 in a literal that does
// not set it), waiting what its Backoff returns. NewClient's
// DefaultRetryPolicy retries transport errors, 429 and 5xx but 501;
// DefaultBackoff waits the Retry-After of a 429 or 503 and otherwise
// RetryWaitMin doubled per attempt; LinearJitterBackoff waits the attempt
// number times a jittered RetryWaitMin, and RateLimitLinearJitterBackoff
// does the same unless a 429 or 503 carries Retry-After.
package retryablehttp

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"libs/apiclient"
)

// getSession reads a session through a retrying client.
func getSession(ctx context.Context, client *retryablehttp.Client, baseURL, token, id string) (*apiclient.Session, error) {
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/v1/sessions/"+id, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var env apiclient.Envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || env.Error != nil {
		return nil, fmt.Errorf("get session %s: status %d", id, resp.StatusCode)
	}
	var s apiclient.Session
	if err := json.Unmarshal(env.Data, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// retryNotFound retries 404 as well as what DefaultRetryPolicy retries,
// hoping that a new session appears.
func retryNotFound(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err == nil && resp.StatusCode == http.StatusNotFound {
		return true, nil // want `retry of 404, which is never retryable: check the resource ID and return the error`
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// newSessionClient installs retryNotFound on a NewClient.
func newSessionClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.CheckRetry = retryNotFound
	return client
}

// transientOnly is correct: it retries transport errors, 429 and the
// upstream statuses, and nothing else.
func transientOnly(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// newTransientClient installs transientOnly, with DefaultBackoff from
// NewClient. It is correct.
func newTransientClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.CheckRetry = transientOnly
	return client
}

// newEverythingClient retries every status from 400 up, so also the
// request's own mistakes and an expired token, which it never refreshes.
func newEverythingClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		RetryWaitMin: 500 * time.Millisecond,
		RetryWaitMax: 10 * time.Second,
		RetryMax:     5,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			if err != nil {
				return true, nil
			}
			return resp.StatusCode >= 400, nil // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 401 without refreshing the token: refresh it before the next attempt`
		},
		Backoff: retryablehttp.DefaultBackoff,
	}
}

// newDefaultLiteralClient is correct: the library's own policy and
// backoff, spelled out in a literal with RetryMax set.
func newDefaultLiteralClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		RetryWaitMin: time.Second,
		RetryWaitMax: 30 * time.Second,
		RetryMax:     4,
		CheckRetry:   retryablehttp.ErrorPropagatedRetryPolicy,
		Backoff:      retryablehttp.DefaultBackoff,
	}
}

// billingPolicy also retries 402, in case an automatic top-up lands
// between the attempts.
func billingPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	retry, checkErr := retryablehttp.ErrorPropagatedRetryPolicy(ctx, resp, err)
	if !retry && err == nil && resp.StatusCode == http.StatusPaymentRequired {
		return true, nil // want `retry of 402, which is never retryable: recharge the balance and return the error`
	}
	return retry, checkErr
}

// recharge posts a recharge through a client with billingPolicy.
func recharge(ctx context.Context, baseURL, token string, amount float64) error {
	client := retryablehttp.NewClient()
	client.CheckRetry = billingPolicy
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/v1/billing/recharge",
		map[string]float64{"amount_usd": amount})
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// newDefaultClient is correct: NewClient's DefaultRetryPolicy and
// DefaultBackoff wait Retry-After on 429 and back off exponentially on
// 5xx.
func newDefaultClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.RetryWaitMin = 250 * time.Millisecond
	return client
}

// newLinearClient keeps NewClient's DefaultRetryPolicy, which retries 429
// and 5xx, and swaps in LinearJitterBackoff, which neither reads
// Retry-After nor grows exponentially.
func newLinearClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.Backoff = retryablehttp.LinearJitterBackoff // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 502 with a linear delay: grow the delay exponentially per attempt`
	return client
}

// newLinearNoRetriesClient is correct: a literal that does not set
// RetryMax never retries (Do stops when RetryMax minus the attempt index
// is not positive), so its Backoff is never consulted.
func newLinearNoRetriesClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient: &http.Client{Timeout: 10 * time.Second},
		CheckRetry: retryablehttp.DefaultRetryPolicy,
		Backoff:    retryablehttp.LinearJitterBackoff,
	}
}

// newRateLimitLinearClient waits Retry-After on 429 through
// RateLimitLinearJitterBackoff, but its 5xx waits grow linearly.
func newRateLimitLinearClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		RetryWaitMin: time.Second,
		RetryWaitMax: 2 * time.Second,
		RetryMax:     4,
		CheckRetry:   retryablehttp.DefaultRetryPolicy,
		Backoff:      retryablehttp.RateLimitLinearJitterBackoff, // want `retry of 502 with a linear delay: grow the delay exponentially per attempt`
	}
}

// rateLimitOnly retries transport errors and 429, never a 5xx.
func rateLimitOnly(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return true, nil
	}
	return resp.StatusCode == http.StatusTooManyRequests, nil
}

// newRateLimitOnlyClient is correct: RateLimitLinearJitterBackoff waits
// Retry-After on the 429s it is asked about, and its linear waits never
// meet a 5xx, which rateLimitOnly does not retry.
func newRateLimitOnlyClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.CheckRetry = rateLimitOnly
	client.Backoff = retryablehttp.RateLimitLinearJitterBackoff
	return client
}

// newDoublingClient doubles the wait per attempt but ignores the
// Retry-After of the 429s that DefaultRetryPolicy retries.
func newDoublingClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.Backoff = func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration { // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		wait := min << attemptNum
		if wait <= 0 || wait > max {
			wait = max
		}
		return wait
	}
	return client
}

// newRetryAfterClient is correct: its Backoff waits the Retry-After of a
// 429 and falls back to DefaultBackoff's doubling.
func newRetryAfterClient() *retryablehttp.Client {
	client := retryablehttp.NewClient()
	client.Backoff = func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
				return time.Duration(secs) * time.Second
			}
		}
		return retryablehttp.DefaultBackoff(min, max, attemptNum, resp)
	}
	return client
}

// newFixedWaitClient waits two seconds before every retry of what
// ErrorPropagatedRetryPolicy retries: 429 and 5xx alike.
func newFixedWaitClient() *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient: &http.Client{Timeout: 10 * time.Second},
		RetryMax:   3,
		CheckRetry: retryablehttp.ErrorPropagatedRetryPolicy,
		Backoff: func(_, _ time.Duration, _ int, _ *http.Response) time.Duration { // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
			return 2 * time.Second
		},
	}
}
