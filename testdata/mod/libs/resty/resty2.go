package resty

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// forbiddenToo retries a 403 with the upstream failures.
func forbiddenToo(r *resty.Response, err error) bool {
	return err != nil || r.StatusCode() == http.StatusForbidden || r.StatusCode() == http.StatusBadGateway // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
}

// newConditionsClient wires forbiddenToo.
func newConditionsClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		AddRetryCondition(forbiddenToo)
}

// service wires a method of its own as the retry condition.
type service struct {
	client *resty.Client
}

// shouldRetry retries an expired token as if it were transient.
func (s *service) shouldRetry(r *resty.Response, err error) bool {
	if err != nil {
		return true
	}
	switch r.StatusCode() {
	case http.StatusUnauthorized, http.StatusServiceUnavailable:
		return true // want `retry of 401 without refreshing the token: refresh it before the next attempt`
	}
	return false
}

// newService builds the client with the method value.
func newService() *service {
	s := &service{}
	s.client = resty.New().SetRetryCount(2).AddRetryCondition(s.shouldRetry)
	return s
}

// rawNotFound reads the status through the raw response.
func rawNotFound(r *resty.Response, err error) bool {
	return err == nil && (r.RawResponse.StatusCode == http.StatusNotFound || r.RawResponse.StatusCode == http.StatusBadGateway) // want `retry of 404, which is never retryable: check the resource ID and return the error`
}

// newRawClient wires rawNotFound.
func newRawClient() *resty.Client {
	return resty.New().SetRetryCount(3).AddRetryCondition(rawNotFound)
}

// newNotOKClient retries anything but 200 at a fixed pace set as both
// the wait and the maximum wait.
func newNotOKClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		SetRetryWaitTime(time.Second).
		SetRetryMaxWaitTime(time.Second).
		AddRetryCondition(func(r *resty.Response, err error) bool {
			return err == nil && r.StatusCode() != http.StatusOK // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt`
		})
}

// Near misses.

// newConditionsServerClient wires only the server-error condition.
func newConditionsServerClient() *resty.Client {
	return resty.New().
		SetRetryCount(3).
		AddRetryCondition(serverOnly)
}

// clientErrorsFinal says no to every 4xx before looking at the rest.
func clientErrorsFinal(r *resty.Response, err error) bool {
	if err != nil {
		return true
	}
	if r.StatusCode() >= 400 && r.StatusCode() < 500 {
		return false
	}
	return r.StatusCode() >= 500
}

// newClientErrorsFinalClient wires clientErrorsFinal.
func newClientErrorsFinalClient() *resty.Client {
	return resty.New().SetRetryCount(4).AddRetryCondition(clientErrorsFinal)
}

// gateway is a service whose condition method retries the gateway errors.
type gateway struct {
	client *resty.Client
}

func (g *gateway) retryable(r *resty.Response, err error) bool {
	return err != nil || r.StatusCode() == http.StatusBadGateway || r.StatusCode() == http.StatusGatewayTimeout
}

// newGateway wires the method value.
func newGateway() *gateway {
	g := &gateway{}
	g.client = resty.New().SetRetryCount(3).AddRetryCondition(g.retryable)
	return g
}

// newRateLimitHonouringClient retries 429 and waits its header, in
// seconds, falling back to the backoff.
func newRateLimitHonouringClient() *resty.Client {
	return resty.New().
		SetRetryCount(5).
		AddRetryCondition(func(r *resty.Response, err error) bool {
			return err == nil && r.StatusCode() == http.StatusTooManyRequests
		}).
		SetRetryAfter(func(_ *resty.Client, r *resty.Response) (time.Duration, error) {
			if v := r.Header().Get("Retry-After"); v != "" {
				if secs, err := strconv.Atoi(v); err == nil {
					return time.Duration(secs) * time.Second, nil
				}
			}
			return 0, nil
		})
}

// newTransportConditionClient retries only requests that got no answer.
func newTransportConditionClient() *resty.Client {
	return resty.New().
		SetRetryCount(2).
		AddRetryCondition(func(_ *resty.Response, err error) bool { return err != nil })
}

// billingRetry retries a payment-required answer with the gateway errors.
func billingRetry(r *resty.Response, err error) bool {
	if err != nil {
		return false
	}
	return r.StatusCode() == http.StatusPaymentRequired || r.StatusCode() == http.StatusBadGateway // want `retry of 402, which is never retryable: recharge the balance and return the error`
}

// newBillingClient wires billingRetry.
func newBillingClient() *resty.Client {
	return resty.New().SetRetryCount(2).SetRetryWaitTime(500 * time.Millisecond).AddRetryCondition(billingRetry)
}

// goneRetried retries the expired session's 410 with the gateway errors.
func goneRetried(r *resty.Response, err error) bool {
	return err == nil && (r.StatusCode() == http.StatusGone || r.StatusCode() == http.StatusGatewayTimeout) // want `retry of 410 on the same session: create a new session before the next attempt`
}

// newSessionEventsClient wires goneRetried.
func newSessionEventsClient() *resty.Client {
	return resty.New().SetRetryCount(2).AddRetryCondition(goneRetried)
}

// textCondition decides on the status line's text.
func textCondition(r *resty.Response, err error) bool {
	return err == nil && strings.HasPrefix(r.Status(), "503") // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
}

// newTextConditionClient wires textCondition.
func newTextConditionClient() *resty.Client {
	return resty.New().SetRetryCount(2).AddRetryCondition(textCondition)
}
