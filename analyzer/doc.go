// Package analyzer defines retrylint, an analyzer that finds retry bugs in
// clients of an HTTP API.
//
// # Analyzer retrylint
//
// retrylint: find retries that the API's error contract forbids
//
// retrylint finds each place where code tries a failed API call again (a
// retry site: a loop, a labeled continue, a goto back before the call, a
// recursive call on a failure path) and works out, for every error code
// and status of its policy, what the code does next: return, try again, or
// something it cannot tell. Each rule checks that outcome table against the
// policy and reports only what it can show: a condition that depends on the
// failure but cannot be resolved makes the scenario unknown, and unknown
// scenarios are never reported.
//
// Attempts are net/http requests (Client.Do, Get, Post, PostForm, Head and
// the package functions), calls of the HTTP shape (*http.Request)
// (*http.Response, error) named Do or RoundTrip on any receiver or through
// a function-typed field, function literals called where they are written
// whose body makes an attempt, calls into configured client packages, and
// calls whose error or response the site then classifies by code or
// status. A range over a schedule of pauses ([]time.Duration) is a retry
// loop, its pause growing as the schedule's entries do; a path that skips
// the pause only on the last attempt ends the loop and is not a retry.
//
// Codes of the policy are scenarios only for code that speaks its API: a
// package that names one of its codes, code that uses such a package's
// error types or sentinels, or a configured client package. Elsewhere only
// the decisions the code makes on a status it can see are judged; a
// blanket retry of another API's opaque error is not.
// Classification understands typed SDK errors reached with errors.As or a
// type switch, named string types with constants, codes decoded from the
// JSON error envelope and compared with literals, and status checks on
// StatusCode or a status field with literals, net/http constants, switch
// statements and ranges. Code that reads only the status is judged by the
// most lenient action of the codes that share it: 401 as a refreshable
// expired token, 429 as a rate limit, 409 as retryable.
//
// The rules, each a diagnostic category:
//
// nonretryable: a code that must never be retried (AUTH_INVALID_KEY,
// INSUFFICIENT_BALANCE, INVALID_REQUEST, SESSION_NOT_FOUND, ...) or its
// status reaches the next attempt. Return the error instead.
//
// retryafter: RATE_LIMIT_EXCEEDED or 429 reaches the next attempt without a
// wait derived from the Retry-After header. Also reported: a Retry-After
// value in seconds made a time.Duration with no unit or with
// time.Millisecond, and X-RateLimit-Reset (a Unix time) slept as if it were
// a duration; these come with a suggested fix.
//
// tokenrefresh: AUTH_EXPIRED_TOKEN or 401 reaches the next attempt without
// a token refresh (a request to the token endpoints, an oauth2 TokenSource's
// Token, or storing a new token where requests read it), or after a refresh
// that the next request does not use because its Authorization header was
// set before the loop.
//
// backoff: BACKEND_ERROR, BACKEND_TIMEOUT, 502 or 504 reaches the next
// attempt with no delay, a constant delay or a linear one. Exponential
// growth is a shift, math.Pow, a delay doubled on each attempt, or a
// backoff library. 2^n in a delay is XOR in Go, not a power, and is
// reported with a fix to 1<<n.
//
// message: a retry decision branches on the failure's message text
// (err.Error(), an error's Message field, resp.Status) while the failure
// carries a code or a status to branch on.
//
// session: SESSION_EXPIRED (or 410) reaches the next attempt on the same
// session, with no new session created on the way; SESSION_LIMIT_REACHED
// reaches it with no session terminated. Judged where the code compares
// the failure with that very code or status. The endpoints that create
// and terminate a session are the policy's.
//
// idempotency: a retried order (a request to the policy's
// idempotency-key-endpoints, POST /v1/sessions and its renewal by default)
// sent with no Idempotency-Key, or with a key made anew for each attempt;
// IDEMPOTENCY_CONFLICT retried under the same key.
//
// unbounded: a for {} retry loop or a recursion that reaches the next
// attempt after a failure with nothing that can stop it (no tested
// counter, deadline, context check or stop channel), a recursion path that
// passes the attempt counter on unchanged, and a retry library set to
// retry without end.
//
// Retry libraries: a function handed to github.com/cenkalti/backoff (v4,
// v5), github.com/avast/retry-go/v4 or github.com/sethvargo/go-retry is a
// retry site; the library's own markers (backoff.Permanent,
// retry.Unrecoverable, retry.RetryableError, backoff.RetryAfter) decide
// which returned errors are retried, and its backoff is the delay. The
// CheckRetry and Backoff of a github.com/hashicorp/go-retryablehttp Client
// are evaluated per status, as are the retry conditions and SetRetryAfter
// of a github.com/go-resty/resty/v2 client with a retry count.
//
// Helpers: functions are summarised by the same evaluator and the
// summaries exported as facts, so that an attempt maker, a predicate on a
// failure, a sentinel error, a delay helper or a token refresher in another
// package counts as code written inline. So do retry helpers of the code
// itself, also those whose callback returns its own verdict and wait, and
// error families: error types without a status field that a client returns
// for some statuses only, learnt from the functions that construct them.
//
// Set RETRYLINT_DEBUG=1 in the environment to print each site's outcome
// table to standard error.
//
// Flags:
//
//	-policy FILE            a policy file (YAML or JSON) that adds to or
//	                        replaces the default policy
//	-rules LIST             rule IDs to run, or -ID to leave one out
//	-client-packages LIST   import paths whose calls are API attempts
//
// The default policy is the error contract of the proxy-session API; the
// README describes the policy file format. Besides codes and statuses, a
// policy names the endpoints that create and terminate a session and the
// orders that need an idempotency key (new-session-endpoints,
// terminate-endpoints, idempotency-key-endpoints, idempotency-key-header).
package analyzer
