package precision

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

// RetrieveError is a token endpoint's failure: it carries the response,
// and with it the status.
type RetrieveError struct {
	Response *http.Response
	Body     []byte
}

func (r *RetrieveError) Error() string {
	return fmt.Sprintf("oauth2: cannot fetch token: %v", r.Response.Status)
}

// Token is an access token.
type Token struct {
	AccessToken string
}

func singleTokenRoundTrip(ctx context.Context, client *http.Client, req *http.Request) (*Token, error) {
	r, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	_ = r.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("oauth2: cannot fetch token: %v", err)
	}
	if code := r.StatusCode; code < 200 || code > 299 {
		return nil, &RetrieveError{Response: r, Body: body}
	}
	return &Token{AccessToken: string(body)}, nil
}

// timeToWait is the header's delay when there is one, else exponential
// with jitter, capped.
func timeToWait(attempt, minWaitInMs int, headers http.Header) time.Duration {
	if secs, err := strconv.Atoi(headers.Get("Retry-After")); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	lo := int(math.Pow(2, float64(attempt))) * minWaitInMs
	hi := int(math.Pow(2, float64(attempt+1))) * minWaitInMs
	return time.Duration(rand.Intn(hi-lo+1)+lo) * time.Millisecond
}

// doTokenRoundTrip retries 429 and 5xx, read through the error's
// response, and network errors; every other status sets shouldRetry to
// false and ends the loop. Silent.
func doTokenRoundTrip(ctx context.Context, client *http.Client, req *http.Request, maxRetry, minWaitInMs int) (*Token, error) {
	var token *Token
	var err error
	for i := 0; i <= maxRetry; i++ {
		token, err = singleTokenRoundTrip(ctx, client, req)
		if err == nil {
			return token, nil
		}
		shouldRetry := true
		headers := http.Header{}
		var rErr *RetrieveError
		if errors.As(err, &rErr) {
			statusCode := rErr.Response.StatusCode
			if statusCode == http.StatusTooManyRequests || (statusCode >= http.StatusInternalServerError && statusCode != http.StatusNotImplemented) {
				shouldRetry = true
				headers = rErr.Response.Header
			} else {
				shouldRetry = false
			}
		}
		if shouldRetry {
			if wait := timeToWait(i, minWaitInMs, headers); wait > 0 {
				time.Sleep(wait)
				continue
			}
		}
		break
	}
	return nil, err
}

// fetchTokenRetrying4xx is the same loop with its test turned around: it
// gives up only on 5xx, so the 4xx the error's response carries are
// retried, 400 among them, and 429 after a fixed pause.
func fetchTokenRetrying4xx(ctx context.Context, client *http.Client, req *http.Request) (*Token, error) {
	var err error
	for i := 0; i < 3; i++ {
		var token *Token
		token, err = singleTokenRoundTrip(ctx, client, req)
		if err == nil {
			return token, nil
		}
		var rErr *RetrieveError
		if errors.As(err, &rErr) && rErr.Response.StatusCode >= http.StatusInternalServerError {
			return nil, err
		}
		time.Sleep(2 * time.Second)
		continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
	}
	return nil, err
}

// Failure wraps a RetrieveError one selection deeper: the status is
// e.Err.Response.StatusCode.
type Failure struct {
	Op  string
	Err *RetrieveError
}

func (f *Failure) Error() string { return f.Op + ": " + f.Err.Error() }

func fetchWrapped(ctx context.Context, client *http.Client, req *http.Request) (*Token, error) {
	t, err := singleTokenRoundTrip(ctx, client, req)
	var rErr *RetrieveError
	if errors.As(err, &rErr) {
		return nil, &Failure{Op: "fetch", Err: rErr}
	}
	return t, err
}

// fetchNested retries 404 found two selections deep.
func fetchNested(ctx context.Context, client *http.Client, req *http.Request) (*Token, error) {
	for i := 0; i < 3; i++ {
		t, err := fetchWrapped(ctx, client, req)
		var f *Failure
		if errors.As(err, &f) && f.Err.Response.StatusCode == http.StatusNotFound {
			time.Sleep(time.Second << i)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return t, err
	}
	return nil, errors.New("out of attempts")
}

// fetchNestedExits gives up on every 4xx read two selections deep and
// retries 5xx with exponential backoff. Silent.
func fetchNestedExits(ctx context.Context, client *http.Client, req *http.Request) (*Token, error) {
	for i := 0; i < 3; i++ {
		t, err := fetchWrapped(ctx, client, req)
		var f *Failure
		if errors.As(err, &f) && f.Err.Response.StatusCode >= 500 && f.Err.Response.StatusCode != http.StatusNotImplemented {
			time.Sleep(time.Second << i)
			continue
		}
		return t, err
	}
	return nil, errors.New("out of attempts")
}
