// Package directives holds findings accepted with //retrylint:ignore, and
// directives that are themselves reported: without a reason, with an
// unknown rule, or silencing nothing.
package directives

import (
	"errors"
	"net/http"
	"time"
)

// onReportedLine accepts the finding on the reported line.
func onReportedLine(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //retrylint:ignore backoff the gateway restarts in about a second; a fixed pause is what its runbook asks
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// aboveTheLine accepts the finding on the line above it.
func aboveTheLine(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			//retrylint:ignore nonretryable the object is written by another job and appears within seconds
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// aboveTheSite accepts both findings of a blanket retry above its loop.
func aboveTheSite(c *http.Client, url string) (*http.Response, error) {
	//retrylint:ignore nonretryable,retryafter,tokenrefresh,backoff a health probe of our own sidecar, polled until it answers
	for attempt := 0; attempt < 10; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(time.Second)
	}
	return nil, errors.New("sidecar never answered")
}

// aboveTheFunction is covered by the directive in its doc comment.
//
//retrylint:ignore backoff every retry here hits a local cache that recovers at once
func aboveTheFunction(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// noReason gives no reason: the directive is reported and silences
// nothing.
func noReason(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //retrylint:ignore backoff // want `retrylint:ignore needs a reason after the rule: say why the finding is accepted` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// unknownRule names a rule that does not exist.
func unknownRule(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //retrylint:ignore backof typo in the rule // want `retrylint:ignore names unknown rule "backof": use one of nonretryable, retryafter, tokenrefresh, backoff` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// wrongRule accepts another rule than the one reported: the finding stays
// and the directive silences nothing.
func wrongRule(c *http.Client, url string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue //retrylint:ignore retryafter accepted long ago // want `retrylint:ignore retryafter silences nothing here: remove the directive` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}

// stale stays after the code was fixed: it silences nothing.
func stale(c *http.Client, url string) (*http.Response, error) {
	//retrylint:ignore backoff the old loop retried on a fixed pause // want `retrylint:ignore backoff silences nothing here: remove the directive`
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(100 * time.Millisecond << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("out of attempts")
}
