// Package api is an SDK of some rate-limited REST API that maps statuses to
// error types of its own, in the shape of published SDKs: a switch on the
// status picks ValidationError, AuthenticationError, NotFoundError,
// RateLimitError (with the Retry-After delay) or ServerError. The types
// carry no status; which statuses produce each is learnt and exported.
package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// ValidationError is a 400 or a 422.
type ValidationError struct { // want ValidationError:`^error for 400$`
	Field string
}

func (e *ValidationError) Error() string { return "invalid " + e.Field }

// AuthenticationError is a 401 or a 403.
type AuthenticationError struct { // want AuthenticationError:`^error for 401, 403$`
	Msg string
}

func (e *AuthenticationError) Error() string { return e.Msg }

// NotFoundError is a 404.
type NotFoundError struct { // want NotFoundError:`^error for 404$`
	Resource string
}

func (e *NotFoundError) Error() string { return e.Resource + " not found" }

// RateLimitError is a 429 with the server's Retry-After.
type RateLimitError struct { // want RateLimitError:`^error for 429$`
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string { return "rate limited" }

// ServerError is any 5xx.
type ServerError struct { // want ServerError:`^error for 500, 502, 504$`
	Msg string
}

func (e *ServerError) Error() string { return e.Msg }

// Client calls the API through an *http.Client.
type Client struct { // want Client:`^GetUser: attempt\(errors\)$`
	HTTP    *http.Client
	BaseURL string
}

// User is an account of the API.
type User struct {
	ID string `json:"id"`
}

// errorFor maps a failed response to the SDK's error types.
func errorFor(resp *http.Response) error {
	switch {
	case resp.StatusCode == http.StatusBadRequest, resp.StatusCode == http.StatusUnprocessableEntity:
		return &ValidationError{Field: resp.Header.Get("X-Field")}
	case resp.StatusCode == http.StatusUnauthorized, resp.StatusCode == http.StatusForbidden:
		return &AuthenticationError{Msg: resp.Status}
	case resp.StatusCode == http.StatusNotFound:
		return &NotFoundError{Resource: resp.Request.URL.Path}
	case resp.StatusCode == http.StatusTooManyRequests:
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return &RateLimitError{RetryAfter: time.Duration(secs) * time.Second}
	case resp.StatusCode >= 500:
		return &ServerError{Msg: resp.Status}
	}
	return &UnexpectedError{Status: resp.Status}
}

// UnexpectedError is any other failure.
type UnexpectedError struct { // want UnexpectedError:`^error for 402, 409, 410$`
	Status string
}

func (e *UnexpectedError) Error() string { return "unexpected " + e.Status }

// GetUser reads a user.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/users/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errorFor(resp)
	}
	var u User
	return &u, json.NewDecoder(resp.Body).Decode(&u)
}
