// Package message holds retry decisions on the error's message text, which
// the API's contract reserves for logs, with the near misses where the
// text is the only signal or the code decides.
package message

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"regexp"
	"strings"
	"time"

	"sdk"
)

// containsRateLimit asks the SDK's error text whether it was a rate limit.
func containsRateLimit(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.GetSession(ctx, id)
		if err == nil {
			return s, nil
		}
		if strings.Contains(err.Error(), "rate limit") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// messageField compares the typed error's Message.
func messageField(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Message == "upstream unavailable" { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Second << attempt)
			continue
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// statusLine compares the response's status line instead of its code.
func statusLine(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.Status == "503 Service Unavailable" { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

var transient = regexp.MustCompile(`(?i)timeout|temporar`)

// regexpOverText matches a regexp over the SDK error's text.
func regexpOverText(ctx context.Context, c *sdk.Client) ([]sdk.Product, error) {
	for attempt := 0; attempt < 3; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err != nil && transient.MatchString(err.Error()) { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Second << attempt)
			continue
		}
		return ps, err
	}
	return nil, errors.New("out of attempts")
}

// switchOnMessage switches on the typed error's message.
func switchOnMessage(ctx context.Context, c *sdk.Client) (*sdk.Balance, error) {
	for attempt := 0; attempt < 3; attempt++ {
		b, err := c.GetBalance(ctx)
		var apiErr *sdk.APIError
		if !errors.As(err, &apiErr) {
			return b, err
		}
		switch apiErr.Message { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
		case "backend error", "backend timeout":
			time.Sleep(time.Second << attempt)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// statusPrefix looks at the first digit of the status line.
func statusPrefix(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(resp.Status, "5") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// transportText retries a reset connection, known only by its text: the
// transport error has no code or status. Silent.
func transportText(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			if strings.Contains(err.Error(), "connection reset by peer") {
				time.Sleep(time.Second << attempt)
				continue
			}
			return nil, err
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// codeDecides branches on the code and only logs the message. Silent.
func codeDecides(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 3; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			log.Printf("get session: %s (%s)", apiErr.Message, apiErr.RequestID)
			if apiErr.Code == sdk.CodeBackendError || apiErr.Code == sdk.CodeBackendTimeout {
				time.Sleep(time.Second << attempt)
				continue
			}
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// pingPeer is a client of another API whose error is opaque.
func pingPeer(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("peer: %s", resp.Status)
	}
	return nil
}

// opaqueText looks at the text of another API's opaque error: the text is
// the only signal there is. Silent.
func opaqueText(c *http.Client, url string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := pingPeer(c, url)
		if err != nil && strings.Contains(err.Error(), "503") {
			time.Sleep(time.Second << attempt)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// noRetry reads the message outside any retry. Silent.
func noRetry(ctx context.Context, c *sdk.Client, id string) bool {
	_, err := c.GetSession(ctx, id)
	return err != nil && strings.Contains(err.Error(), "not found")
}
