// Package sentinelmap holds a client that maps the envelope's code to its own
// sentinel errors and retries one of them: under every rule it is silent.
package sentinelmap

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

var errUpstream = errors.New("upstream failure")

// upstreamSentinel maps the envelope's code to the client's errors: only
// BACKEND_ERROR becomes errUpstream.
func upstreamSentinel(code string) error {
	if code == "BACKEND_ERROR" {
		return errUpstream
	}
	return fmt.Errorf("api error %s", code)
}

// retryMappedUpstream retries only what maps to errUpstream, with a
// doubling pause; every other code is returned. Silent: the mapped error
// is resolved per code, not taken for a nil error whose test could go
// either way.
func retryMappedUpstream(c *http.Client, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		var env struct {
			Success bool `json:"success"`
			Error   *struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		if err := upstreamSentinel(env.Error.Code); errors.Is(err, errUpstream) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return errors.New(env.Error.Code)
	}
	return errors.New("out of attempts")
}
