// Package suppressed holds retry bugs whose findings nolint directives
// silence under golangci-lint. The standalone command has no nolint
// directives and reports them; the plugin tests check both.
package suppressed

import (
	"errors"
	"net/http"
	"time"
)

// GetRateLimited retries a 429 after a fixed second instead of the
// Retry-After value. A nolint directive at the end of the line silences the
// finding on that line; golangci-lint still reports the finding's related
// information, on the attempt's line.
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

// GetUpstream retries a 502 with a constant delay; a nolint directive on
// its own line above the loop silences the finding and its related
// information, which golangci-lint reports on the attempt's line.
func GetUpstream(url string) (*http.Response, error) {
	//nolint:retrylint // the test checks that the whole loop is silenced
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(500 * time.Millisecond)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("too many attempts")
}
