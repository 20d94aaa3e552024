package shapes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Loops over a schedule of pauses: the loop runs once per pause, and the
// pause is what it waits before the next attempt.

// fetchPauses is a client's schedule: grows, so it backs off.
var fetchPauses = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 5 * time.Second}

// flatPauses waits the same every time.
var flatPauses = [...]time.Duration{time.Second, time.Second, time.Second}

// fetcher reads documents from a store that rate-limits.
type fetcher struct {
	hc        *http.Client
	base      string
	mirrors   []string
	schedule  []time.Duration
	timeouts  []time.Duration
	fallbacks map[string]string
}

// fetchMissing ranges over the package's schedule and retries 404 with
// the server errors.
func (f *fetcher) fetchMissing(ctx context.Context, id string) (*http.Response, error) {
	for i, pause := range fetchPauses {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.base+"/docs/"+id, nil)
		if err != nil {
			return nil, err
		}
		resp, err := f.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
			resp.Body.Close()
			if i < len(fetchPauses)-1 {
				time.Sleep(pause)
			}
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchThrottledSchedule waits the schedule's pause on 429, not the
// header.
func (f *fetcher) fetchThrottledSchedule(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range fetchPauses {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			time.Sleep(pause)
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchFlat ranges over an array of equal pauses on 502.
func (f *fetcher) fetchFlat(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range flatPauses {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(pause)
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchSleepFirst waits at the top of each round, the first pause zero,
// and retries 400.
func (f *fetcher) fetchSleepFirst(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range []time.Duration{0, 250 * time.Millisecond, time.Second, 4 * time.Second} {
		time.Sleep(pause)
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			continue
		}
		switch resp.StatusCode {
		case http.StatusOK:
			return resp, nil
		case http.StatusBadRequest, http.StatusServiceUnavailable:
			resp.Body.Close()
			continue // want `retry of 400, which is never retryable: fix the request and return the error`
		}
		return nil, fmt.Errorf("fetch %s: %s", id, resp.Status)
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchLocalSchedule keeps the schedule in a local and retries 403.
func (f *fetcher) fetchLocalSchedule(ctx context.Context, id string) (*http.Response, error) {
	backoffs := []time.Duration{time.Second, 3 * time.Second, 9 * time.Second}
	for _, wait := range backoffs {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(wait)
			continue // want `retry of 403, which is never retryable: check the credentials' permissions and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchRangeInt counts attempts with a range over an integer and retries
// 404 after a doubling pause.
func (f *fetcher) fetchRangeInt(ctx context.Context, id string) (*http.Response, error) {
	for attempt := range 5 {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// pauseTable picks a pause by attempt; equal entries are a constant pause.
var pauseTable = []time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second}

// secondsTable is a schedule in whole seconds.
var secondsTable = []int{1, 3, 5, 10}

// fetchIndexedFlat picks the same pause by index on 502.
func (f *fetcher) fetchIndexedFlat(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt < len(pauseTable); attempt++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(pauseTable[attempt])
			continue // want `retry of 502 with a constant delay: grow the delay exponentially per attempt`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchIndexedThrottled waits the schedule's entry on 429 and skips it
// after the last attempt.
func (f *fetcher) fetchIndexedThrottled(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt <= len(fetchPauses); attempt++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < len(fetchPauses) {
			resp.Body.Close()
			time.Sleep(fetchPauses[attempt])
			continue // want `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchSecondsTable turns a table of seconds into the pause and retries
// 404.
func (f *fetcher) fetchSecondsTable(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i <= len(secondsTable); i++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			if i == len(secondsTable) {
				break
			}
			time.Sleep(time.Duration(secondsTable[i]) * time.Second)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// Near misses.

// fetchScheduleRight backs off along the schedule on the server errors.
func (f *fetcher) fetchScheduleRight(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range fetchPauses {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(pause)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchHeaderFirst waits the header on 429 and the schedule otherwise.
func (f *fetcher) fetchHeaderFirst(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range fetchPauses {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
				time.Sleep(time.Duration(secs) * time.Second)
			} else {
				return nil, fmt.Errorf("fetch %s: throttled", id)
			}
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(pause)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchFromMirrors tries the next mirror when one lacks the document: a
// range over mirrors is not a retry of the same request.
func (f *fetcher) fetchFromMirrors(ctx context.Context, id string) (*http.Response, error) {
	for _, m := range f.mirrors {
		resp, err := f.hc.Get(m + "/docs/" + id)
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusNotFound {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: no mirror has it")
}

// fetchConfigured ranges over a schedule the caller configured: its
// growth is not known, so nothing is said of it.
func (f *fetcher) fetchConfigured(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range f.schedule {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(pause)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchLongerTimeouts gives each attempt a longer deadline and retries
// only the gateway timeout, backing off.
func (f *fetcher) fetchLongerTimeouts(ctx context.Context, id string) (*http.Response, error) {
	for i, limit := range f.timeouts {
		actx, cancel := context.WithTimeout(ctx, limit)
		req, err := http.NewRequestWithContext(actx, http.MethodGet, f.base+"/docs/"+id, nil)
		if err != nil {
			cancel()
			return nil, err
		}
		resp, err := f.hc.Do(req)
		cancel()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(time.Second << i)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchFallbacks ranges over a map of fallback endpoints: items, not
// attempts.
func (f *fetcher) fetchFallbacks(ctx context.Context) (*http.Response, error) {
	for name, url := range f.fallbacks {
		resp, err := f.hc.Get(url)
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusForbidden {
			resp.Body.Close()
			continue
		}
		_ = name
		return resp, nil
	}
	return nil, errors.New("fetch: no fallback answered")
}

// fetchShrinking waits less each time: not a backoff the analysis can
// name, so it stays silent rather than guess.
func (f *fetcher) fetchShrinking(ctx context.Context, id string) (*http.Response, error) {
	for _, pause := range []time.Duration{4 * time.Second, 2 * time.Second, time.Second} {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(pause)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchIndexedRight picks a growing pause by attempt on the gateway
// errors.
func (f *fetcher) fetchIndexedRight(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt <= len(fetchPauses); attempt++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout) && attempt < len(fetchPauses) {
			resp.Body.Close()
			time.Sleep(fetchPauses[attempt])
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchSecondsRight waits the growing table of seconds on 503.
func (f *fetcher) fetchSecondsRight(ctx context.Context, id string) (*http.Response, error) {
	for i := 0; i <= len(secondsTable); i++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			if i == len(secondsTable) {
				break
			}
			time.Sleep(time.Duration(secondsTable[i]) * time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchPauseMap looks the pause up in a map by attempt: not known, so not
// judged.
func (f *fetcher) fetchPauseMap(ctx context.Context, id string, pauses map[int]time.Duration) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(pauses[attempt])
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchConfiguredIndexed picks the caller's configured pause by attempt.
func (f *fetcher) fetchConfiguredIndexed(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt < len(f.schedule); attempt++ {
		resp, err := f.hc.Get(f.base + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusGatewayTimeout {
			resp.Body.Close()
			time.Sleep(f.schedule[attempt])
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchEachIndex walks the indices of the documents: each round fetches
// another one, so a 404 that moves on is no retry.
func (f *fetcher) fetchEachIndex(ctx context.Context, ids []string) int {
	found := 0
	for i := 0; i < len(ids); i++ {
		resp, err := f.hc.Get(f.base + "/docs/" + ids[i])
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			continue
		}
		found++
	}
	return found
}

// mirrorJob is one copy to make.
type mirrorJob struct {
	src, dst string
}

// copyEachJob walks the jobs by index through a literal and skips the ones
// whose source is gone.
func (f *fetcher) copyEachJob(ctx context.Context, jobs []mirrorJob) error {
	for i := 0; i <= len(jobs)-1; i++ {
		err := func() error {
			resp, err := f.hc.Get(jobs[i].src)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return &StatusError{StatusCode: resp.StatusCode}
			}
			return nil
		}()
		var se *StatusError
		if errors.As(err, &se) && se.StatusCode == http.StatusNotFound {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fetchEachRewind walks the documents by index and fetches the same one
// again on 429 by stepping the index back: a loop over items is not taken
// for a retry loop, so this retry is not judged (a limitation).
func (f *fetcher) fetchEachRewind(ctx context.Context, ids []string) int {
	found := 0
	for i := 0; i < len(ids); i++ {
		resp, err := f.hc.Get(f.base + "/docs/" + ids[i])
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Second)
			i--
			continue
		}
		found++
	}
	return found
}

// Loops whose counter goes into the request send another request each
// round.

// listPages walks the pages: a page that is gone, or throttled, is moved
// past, not fetched again.
func (f *fetcher) listPages(ctx context.Context, total int) int {
	n := 0
	for page := 1; page <= total; page++ {
		resp, err := f.hc.Get(fmt.Sprintf("%s/docs?page=%d", f.base, page))
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			time.Sleep(time.Second)
			continue
		}
		n++
	}
	return n
}

// listPagesBuilt builds the request from the page through two locals.
func (f *fetcher) listPagesBuilt(ctx context.Context, total int) int {
	n := 0
	for page := 0; page < total; page++ {
		url := f.base + "/docs?page=" + strconv.Itoa(page)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return n
		}
		resp, err := f.hc.Do(req)
		if err != nil {
			return n
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusForbidden {
			continue
		}
		n++
	}
	return n
}

// fetchAttemptHeader tells the server the attempt in a header: the same
// request, so 404 is still retried.
func (f *fetcher) fetchAttemptHeader(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.base+"/docs/"+id, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-Attempt", strconv.Itoa(attempt))
		resp, err := f.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode >= 500 {
			resp.Body.Close()
			pause := time.Duration(1<<attempt) * time.Second
			time.Sleep(pause)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchLongerTimeout404 gives each attempt a longer deadline from the
// counter: the context is not the request's identity, so 404 is retried.
func (f *fetcher) fetchLongerTimeout404(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 1; attempt <= 3; attempt++ {
		actx, cancel := context.WithTimeout(ctx, time.Duration(attempt)*5*time.Second)
		req, err := http.NewRequestWithContext(actx, http.MethodGet, f.base+"/docs/"+id, nil)
		if err != nil {
			cancel()
			return nil, err
		}
		resp, err := f.hc.Do(req)
		cancel()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusBadGateway {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue // want `retry of 404, which is never retryable: check the resource ID and return the error`
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}

// fetchRotating sends each attempt to the next mirror picked by the
// counter: another request each round, so its retry of 404 is not judged
// (a limitation).
func (f *fetcher) fetchRotating(ctx context.Context, id string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := f.hc.Get(f.mirrors[attempt%len(f.mirrors)] + "/docs/" + id)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusNotFound {
			resp.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("fetch: out of attempts")
}
