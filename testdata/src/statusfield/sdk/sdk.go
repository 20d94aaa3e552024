// Package sdk is a client library whose error types carry the HTTP status
// in a field not named for it, in the shape of googleapi.CheckResponse:
// Error.Code is set from the response's StatusCode in a composite literal,
// HTTPError.Code by an assignment. Which fields carry the status is
// learnt and exported.
package sdk

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// Error is any failure the API answers with.
type Error struct { // want Error:`^error for 400, 401, 402, 403, 404, 409, 410, 429, 500, 502, 504$`
	Code    int // want Code:`^status field$`
	Message string
	Header  http.Header
}

func (e *Error) Error() string { return e.Message }

// CheckResponse returns an *Error for a status outside 2xx.
func CheckResponse(res *http.Response) error {
	if res.StatusCode >= 200 && res.StatusCode <= 299 {
		return nil
	}
	slurp, _ := io.ReadAll(res.Body)
	return &Error{Code: res.StatusCode, Message: string(slurp), Header: res.Header}
}

// HTTPError is what Delete returns.
type HTTPError struct { // want HTTPError:`^error for 400, 401, 402, 403, 404, 409, 410, 429, 500, 502, 504$`
	Op   string
	Code int // want Code:`^status field$`
}

func (e *HTTPError) Error() string { return e.Op + " failed" }

func newHTTPError(op string, resp *http.Response) *HTTPError {
	e := &HTTPError{Op: op}
	e.Code = resp.StatusCode
	return e
}

// AppError is the error object of the API's JSON body: its code is the
// API's own number, not the status.
type AppError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *AppError) Error() string { return e.Message }

// Client calls the API.
type Client struct { // want Client:`^Delete: attempt\(errors\); Get: attempt\(errors\); Post: attempt\(errors\); Put: attempt\(errors\)$`
	HTTP *http.Client
	Base string
}

// Get fetches a resource.
func (c *Client) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := CheckResponse(resp); err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Delete removes a resource.
func (c *Client) Delete(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.Base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return newHTTPError("delete", resp)
	}
	return nil
}

// Post sends a document and decodes the API's error object on failure.
func (c *Client) Post(ctx context.Context, path string, body io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+path, body)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var ae AppError
		if err := json.NewDecoder(resp.Body).Decode(&ae); err != nil {
			return err
		}
		return &ae
	}
	return nil
}

// LocalError keeps the status by way of a local variable: the field is not
// learnt (a limitation, see README).
type LocalError struct { // want LocalError:`^error for 400, 401, 402, 403, 404, 409, 410, 429, 500, 502, 504$`
	Num int
}

func (e *LocalError) Error() string { return "failed" }

func localError(resp *http.Response) error {
	s := resp.StatusCode
	return &LocalError{Num: s}
}

// Put replaces a resource.
func (c *Client) Put(ctx context.Context, path string, body io.Reader) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.Base+path, body)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return localError(resp)
	}
	return nil
}
