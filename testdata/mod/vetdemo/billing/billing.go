// Package billing reads usage through the proxy-session API. Its retry loop
// retries a 402 (INSUFFICIENT_BALANCE), which is never retryable.
package billing

import (
	"errors"
	"net/http"
	"time"
)

// FetchUsage gets url, trying up to three times.
func FetchUsage(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("payment required")
}
