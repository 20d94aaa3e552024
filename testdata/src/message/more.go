package message

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"sdk"
)

// lowerText lowercases the SDK error's text and looks for a phrase.
func lowerText(ctx context.Context, c *sdk.Client) ([]sdk.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		if strings.Contains(strings.ToLower(err.Error()), "too many requests") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// textKeptInVariable keeps the text in a variable first.
func textKeptInVariable(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		if err == nil {
			return s, nil
		}
		msg := err.Error()
		if strings.Contains(msg, "upstream") || strings.Contains(msg, "timeout") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// suffixOfMessage matches the end of the typed error's Message.
func suffixOfMessage(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.RotateSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && strings.HasSuffix(apiErr.Message, "timed out") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// statusLineContains looks for words in the status line.
func statusLineContains(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if strings.Contains(resp.Status, "Too Many") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

var upstreamText = regexp.MustCompile(`(?i)upstream|bad gateway`)

// regexpOverMessage runs a pattern over the typed error's Message.
func regexpOverMessage(ctx context.Context, c *sdk.Client) (*sdk.Balance, error) {
	for attempt := 0; attempt < 4; attempt++ {
		b, err := c.GetBalance(ctx)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && upstreamText.MatchString(apiErr.Message) { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return b, err
	}
	return nil, errors.New("out of attempts")
}

// equalText compares the whole error text.
func equalText(ctx context.Context, c *sdk.Client, id string) error {
	for attempt := 0; attempt < 4; attempt++ {
		_, err := c.ReportEvent(ctx, id, sdk.Event{Kind: "page"})
		if err != nil && err.Error() == "api: BACKEND_TIMEOUT (504): upstream timeout" { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return err
	}
	return errors.New("out of attempts")
}

// switchTrueOnText picks the retry by cases over the text.
func switchTrueOnText(ctx context.Context, c *sdk.Client) ([]sdk.Product, error) {
	for attempt := 0; attempt < 4; attempt++ {
		ps, err := c.ListProducts(ctx)
		if err == nil {
			return ps, nil
		}
		text := err.Error()
		switch {
		case strings.Contains(text, "rate"): // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(5 * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}

// Near misses.

// codeDecidesMessageLogged branches on the code and only logs the message.
func codeDecidesMessageLogged(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendError {
			log.Printf("get session: %s (request %s), retrying", apiErr.Message, apiErr.RequestID)
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// netErrorTyped asks the net.Error, not its text.
func netErrorTyped(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, err
	}
	return nil, errors.New("out of attempts")
}

// eofSentinel asks errors.Is, not the text.
func eofSentinel(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, err
	}
	return nil, errors.New("out of attempts")
}

// messageWrapped puts the message in the returned error.
func messageWrapped(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) {
			if apiErr.Code == sdk.CodeBackendTimeout {
				time.Sleep(time.Duration(1<<attempt) * time.Second)
				continue
			}
			return nil, fmt.Errorf("get session %s: %s", id, apiErr.Message)
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// sessionStatusText compares the success body's status, not a failure.
func sessionStatusText(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 20; attempt++ {
		s, err := c.GetSession(ctx, id)
		if err != nil {
			return nil, err
		}
		if s.Status == "active" {
			return s, nil
		}
		time.Sleep(2 * time.Second)
	}
	return nil, errors.New("session never became active")
}

// statusCodeNotLine compares the status code.
func statusCodeNotLine(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			log.Printf("%s: %s", url, resp.Status)
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// messageAfterLoop reads the message once the retries are over.
func messageAfterLoop(ctx context.Context, c *sdk.Client) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = c.ListProducts(ctx); err == nil {
			return nil
		}
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code != sdk.CodeBackendError {
			break
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	if strings.Contains(err.Error(), "maintenance") {
		return fmt.Errorf("the API is in maintenance: %w", err)
	}
	return err
}

// dialText is a transport failure: its text is all there is.
func dialText(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			if strings.Contains(err.Error(), "connection refused") {
				time.Sleep(time.Duration(1<<attempt) * time.Second)
				continue
			}
			return nil, err
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// equalFoldMessage compares the message without case.
func equalFoldMessage(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && strings.EqualFold(apiErr.Message, "service temporarily unavailable") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}

// requestIDPrefix reads the request ID, which is not the message.
func requestIDPrefix(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		var apiErr *sdk.APIError
		if errors.As(err, &apiErr) && apiErr.Code == sdk.CodeBackendError && strings.HasPrefix(apiErr.RequestID, "req_") {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return s, err
	}
	return nil, errors.New("out of attempts")
}
