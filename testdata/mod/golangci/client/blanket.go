package client

import (
	"net/http"
	"time"
)

// GetUntilOK retries every status but 200 at a fixed pace: four rules at
// one continue, which golangci-lint shows as one issue.
func GetUntilOK(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue // want `retry of 400, which is never retryable.*; also retry of 429 without waiting for Retry-After.*; also retry of 401 without refreshing the token.*; also retry of 502 with a constant delay`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetSidecar polls a local sidecar; the team accepts the fixed pause with
// a directive, which every driver honours.
func GetSidecar(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //retrylint:ignore backoff the sidecar restarts in under a second
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetFixed was fixed, and its directive went stale.
func GetFixed(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
			continue //retrylint:ignore backoff kept after the fix // want `retrylint:ignore backoff silences nothing here: remove the directive`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetNoReason accepts a finding without saying why: the directive is
// reported, and the finding stays.
func GetNoReason(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusPaymentRequired {
			resp.Body.Close()
			return nil, errAttempts
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			//retrylint:ignore backoff // want `retrylint:ignore needs a reason after the rule`
			continue // want `retry of 502 with a constant delay`
		}
		return resp, nil
	}
	return nil, errAttempts
}

// GetTypo names a rule that does not exist.
func GetTypo(url string) (*http.Response, error) {
	for attempt := 0; attempt < 5; attempt++ {
		resp, err := http.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			//retrylint:ignore backof the typo keeps the finding // want `retrylint:ignore names unknown rule "backof"`
			continue // want `retry of 502 with a constant delay`
		}
		return resp, nil
	}
	return nil, errAttempts
}
