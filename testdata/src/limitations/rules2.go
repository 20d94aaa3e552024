package limitations

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"
)

// blanketExpired retries every failure of a session request, an expired
// session among them, at a growing pace. It names no session code: the
// session rule does not know that the call can fail with one, so it is
// silent (the other rules judge the blanket retry).
func blanketExpired(c *http.Client, base, id string) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Post(base+"/v1/sessions/"+id+"/report-event", "application/json", nil)
		if err == nil && resp.StatusCode < 300 {
			resp.Body.Close()
			return nil
		}
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode < 500 {
			return errors.New(resp.Status)
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return errors.New("out of attempts")
}

// orderBuiltByCaller sends a request built by its caller: where the
// request is built, and whether a key is set on it, is not seen, so the
// retried order is not judged.
func orderBuiltByCaller(c *http.Client, req *http.Request) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// keyFromUnseenHelper takes its key from a function value: whether it
// makes a new key per call cannot be told, so it is not judged.
func keyFromUnseenHelper(ctx context.Context, c *http.Client, base string, body []byte, newKey func() string) error {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/sessions", bytes.NewReader(body))
		req.Header.Set("Idempotency-Key", newKey())
		resp, err := c.Do(req)
		if err != nil {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		resp.Body.Close()
		return nil
	}
	return errors.New("out of attempts")
}
