package retryablehttp

import (
	"context"
	"net/http"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"libs/apiclient"
)

// tokens is the client's current bearer token, refreshed on 401.
type tokens struct {
	api *apiclient.Client
}

// checkRefresh refreshes the token on 401 and asks for a retry: the
// retried request still carries the old Authorization header, since
// nothing sets it again before the retry.
func (t *tokens) checkRefresh(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		if rerr := t.api.RefreshToken(ctx); rerr != nil {
			return false, rerr
		}
		return true, nil // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// newStaleClient installs checkRefresh alone.
func newStaleClient(t *tokens) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.CheckRetry = t.checkRefresh
	return c
}

// checkRefreshed is checkRefresh for the clients below, which set the
// header again before each retry.
func (t *tokens) checkRefreshed(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		if rerr := t.api.RefreshToken(ctx); rerr != nil {
			return false, rerr
		}
		return true, nil
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// newPreparedClient sets the header from the new token in PrepareRetry.
// Silent.
func newPreparedClient(t *tokens) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.CheckRetry = t.checkRefreshed
	c.PrepareRetry = func(req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+t.api.Token)
		return nil
	}
	return c
}

// authTransport sets the current token on every request it sends.
type authTransport struct {
	next http.RoundTripper
	t    *tokens
}

// RoundTrip implements http.RoundTripper.
func (a *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+a.t.api.Token)
	return a.next.RoundTrip(req)
}

// newTransportClient sends through authTransport, which sets the header
// per request. Silent.
func newTransportClient(t *tokens) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.HTTPClient.Transport = &authTransport{next: http.DefaultTransport, t: t}
	c.CheckRetry = t.checkRefreshed
	return c
}

// logTransport only logs: it sets no header.
type logTransport struct {
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (l logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return l.next.RoundTrip(req)
}

// newLoggingClient installs a transport that sets no header and a
// CheckRetry that refreshes: the old header is resent.
func newLoggingClient(t *tokens) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.HTTPClient.Transport = logTransport{next: http.DefaultTransport}
	c.CheckRetry = t.checkRefreshLogged
	return c
}

// checkRefreshLogged refreshes on 401 for newLoggingClient.
func (t *tokens) checkRefreshLogged(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		_ = t.api.RefreshToken(ctx)
		return true, nil // want `retry of 401 refreshes the token but resends the old Authorization header: set the header from the new token before the next attempt`
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// newPrepareRefreshClient refreshes and sets the header in PrepareRetry,
// and retries 401 in CheckRetry. Silent.
func newPrepareRefreshClient(t *tokens) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			return true, nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	c.PrepareRetry = func(req *http.Request) error {
		if err := t.api.RefreshToken(req.Context()); err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+t.api.Token)
		return nil
	}
	return c
}

// textCheckRetry decides on the status line's text.
func textCheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		return true, nil
	}
	return strings.HasPrefix(resp.Status, "5"), nil // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
}

// newTextClient wires textCheckRetry.
func newTextClient() *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.CheckRetry = textCheckRetry
	return c
}

// goneCheckRetry retries a 410, the expired session, with the 5xx: the
// client resends the request for the same session.
func goneCheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		return true, nil
	}
	if resp.StatusCode == http.StatusGone || resp.StatusCode == http.StatusBadGateway {
		return true, nil // want `retry of 410 on the same session: create a new session before the next attempt`
	}
	return false, nil
}

// newGoneClient wires goneCheckRetry.
func newGoneClient() *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.CheckRetry = goneCheckRetry
	return c
}
