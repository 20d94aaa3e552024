// Package suppressed holds a retry bug whose finding a nolint directive
// silences under golangci-lint. The standalone command has no nolint
// directives and reports it; the plugin tests check both.
package suppressed

import (
	"errors"
	"net/http"
	"time"
)

// GetRateLimited retries a 429 after a fixed second instead of the
// Retry-After value; the finding is silenced on purpose.
func GetRateLimited(url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //nolint:retrylint // the test checks that this finding is silenced
		}
		return resp, nil
	}
	return nil, errors.New("too many attempts")
}
