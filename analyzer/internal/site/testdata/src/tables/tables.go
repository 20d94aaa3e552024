// Package tables holds retry sites whose outcome tables the test asserts.
package tables

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// statuses reads only statuses: each status of the policy is a scenario.
func statuses(url string) (*http.Response, error) {
	delay := 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ { // want `^400: exit; 401: exit; 402: exit; 403: exit; 404: exit; 409: exit; 410: exit; 429: next attempt \(loop, delay from Retry-After\); 500: exit; 502: next attempt \(loop, exponential delay\); 504: next attempt \(loop, exponential delay\); transport error: next attempt \(loop, constant delay\); success: exit$`
		resp, err := http.Get(url)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			time.Sleep(delay)
			delay *= 2
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

type envelope struct {
	Error struct {
		Code string `json:"code"`
	} `json:"error"`
}

// unknownCondition branches on the body's message, which the analysis
// cannot resolve: every failure is unknown.
func unknownCondition(url string, read func(*http.Response) string) error {
	for { // want `^400: unknown; 401: unknown; 402: unknown; 403: unknown; 404: unknown; 409: unknown; 410: unknown; 429: unknown; 500: unknown; 502: unknown; 504: unknown; transport error: exit; success: unknown$`
		resp, err := http.Get(url)
		if err != nil {
			return err
		}
		if read(resp) == "try again" {
			continue
		}
		return nil
	}
}

// codes reads the code from the envelope, with a flag set in a switch.
func codes(c *http.Client, req *http.Request, decode func(*http.Response, *envelope) error) error {
	for attempt := 0; attempt < 3; attempt++ { // want `^AUTH_INVALID_KEY \(401\): exit; AUTH_EXPIRED_TOKEN \(401\): exit; AUTH_INSUFFICIENT_PERMISSION \(403\): exit; RATE_LIMIT_EXCEEDED \(429\): next attempt \(loop, constant delay\); ACCOUNT_DISABLED \(403\): exit; INSUFFICIENT_BALANCE \(402\): exit; SESSION_NOT_FOUND \(404\): exit; SESSION_EXPIRED \(410\): exit; SESSION_LIMIT_REACHED \(429\): exit; PRODUCT_NOT_FOUND \(404\): exit; PRODUCT_OUT_OF_STOCK \(409\): exit; INVALID_REQUEST \(400\): exit; IDEMPOTENCY_CONFLICT \(409\): exit; BACKEND_ERROR \(502\): next attempt \(loop, constant delay\); BACKEND_TIMEOUT \(504\): next attempt \(loop, constant delay\); INTERNAL_ERROR \(500\): exit; transport error: exit; success: exit$`
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		var env envelope
		if err := decode(resp, &env); err != nil {
			return err
		}
		retry := false
		switch env.Error.Code {
		case "RATE_LIMIT_EXCEEDED", "BACKEND_ERROR", "BACKEND_TIMEOUT":
			retry = true
		}
		if !retry {
			return errors.New(env.Error.Code)
		}
		time.Sleep(time.Second)
	}
	return errors.New("out of attempts")
}

// jump retries with goto and reads only the status.
func jump(url string) (*http.Response, error) {
	tries := 0
again: // want `^400: exit; 401: exit; 402: exit; 403: exit; 404: exit; 409: exit; 410: exit; 429: exit; 500: exit; 502: next attempt \(goto, no delay\); 504: exit; transport error: exit; success: exit$`
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusBadGateway && tries < 3 {
		tries++
		goto again
	}
	return resp, nil
}
