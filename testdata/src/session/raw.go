package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// agent is a hand-written client that decodes the envelope itself.
type agent struct {
	http    *http.Client
	base    string
	key     string
	session string
	// newSession is how the runtime gets a session; set by its owner.
	newSession func(ctx context.Context) (string, error)
}

type envelope struct {
	Success bool `json:"success"`
	Error   *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

var errExpired = errors.New("session expired")

// classify maps the envelope's code to the runtime's errors.
func classify(code string) error {
	switch code {
	case "SESSION_EXPIRED":
		return errExpired
	}
	return fmt.Errorf("api error %s", code)
}

func (a *agent) post(ctx context.Context, path string, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", a.key)
	req.Header.Set("Content-Type", "application/json")
	return a.http.Do(req)
}

// rawExpired decodes the envelope and sends the event again on the same
// session ID.
func (a *agent) rawExpired(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/report-event", body)
		if err != nil {
			return err
		}
		var env envelope
		derr := json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if derr != nil {
			return derr
		}
		if env.Success {
			return nil
		}
		if env.Error != nil && env.Error.Code == "SESSION_EXPIRED" {
			time.Sleep(time.Second << attempt)
			continue // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return fmt.Errorf("report: %s", env.Error.Code)
	}
	return errors.New("report: out of attempts")
}

// rawGone reads only the status: 410 Gone is the expired session.
func (a *agent) rawGone(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/rotate", body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGone {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue // want `retry of 410 on the same session: create a new session before the next attempt`
		}
		if resp.StatusCode >= 400 {
			return fmt.Errorf("rotate: status %d", resp.StatusCode)
		}
		return nil
	}
	return errors.New("rotate: out of attempts")
}

// rawLimit waits Retry-After on a full pool: the pool stays full.
func (a *agent) rawLimit(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions", body)
		if err != nil {
			return err
		}
		var env envelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		switch env.Error.Code {
		case "SESSION_LIMIT_REACHED", "RATE_LIMIT_EXCEEDED":
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue // want `retry of SESSION_LIMIT_REACHED without terminating a session: terminate an old session before the next attempt`
		}
		return fmt.Errorf("create: %s", env.Error.Code)
	}
	return errors.New("create: out of attempts")
}

// rawSentinel classifies into the runtime's sentinel and retries it.
func (a *agent) rawSentinel(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/report-event", body)
		if err != nil {
			return err
		}
		var env envelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		if err := classify(env.Error.Code); errors.Is(err, errExpired) {
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue // want `retry of SESSION_EXPIRED on the same session: create a new session before the next attempt`
		}
		return errors.New(env.Error.Code)
	}
	return errors.New("report: out of attempts")
}

// Near misses.

// rawGoneCreates posts a new session on 410 before the next attempt.
func (a *agent) rawGoneCreates(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/rotate", body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGone {
			nr, err := a.post(ctx, "/v1/sessions", []byte(`{"product_id":"res-us"}`))
			if err != nil {
				return err
			}
			nr.Body.Close()
			continue
		}
		return nil
	}
	return errors.New("rotate: out of attempts")
}

// rawLimitTerminates ends the oldest session, by a formatted path.
func (a *agent) rawLimitTerminates(ctx context.Context, body []byte, oldest string) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions", body)
		if err != nil {
			return err
		}
		var env envelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		if env.Error.Code == "SESSION_LIMIT_REACHED" {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/v1/sessions/%s/terminate", a.base, oldest), nil)
			if tr, terr := a.http.Do(req); terr == nil {
				tr.Body.Close()
			}
			continue
		}
		return errors.New(env.Error.Code)
	}
	return errors.New("create: out of attempts")
}

// rawFuncField gets the new session through a function value the owner
// set: its name says what it does.
func (a *agent) rawFuncField(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/report-event", body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGone {
			id, err := a.newSession(ctx)
			if err != nil {
				return err
			}
			a.session = id
			continue
		}
		return nil
	}
	return errors.New("report: out of attempts")
}

// rawRateLimitOnly reads only the status 429: retryafter judges it, and
// the session rule needs the code.
func (a *agent) rawRateLimitOnly(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := a.post(ctx, "/v1/sessions", body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
			continue
		}
		return nil
	}
	return errors.New("create: out of attempts")
}

// Sessions is the runtime's session service, behind an interface.
type Sessions interface {
	Create(ctx context.Context, product string) (string, error)
	Report(ctx context.Context, id string, body []byte) error
}

// interfaceCreate creates through the interface, unseen: the name says
// it creates a session.
func interfaceCreate(ctx context.Context, s Sessions, id string, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := s.Report(ctx, id, body)
		if errors.Is(err, errExpired) {
			nid, cerr := s.Create(ctx, "res-us")
			if cerr != nil {
				return cerr
			}
			id = nid
			continue
		}
		return err
	}
	return errors.New("report: out of attempts")
}

// rawTopOfLoop clears the session on 410; the top of the loop creates a
// new one before the next attempt.
func (a *agent) rawTopOfLoop(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < 3; attempt++ {
		if a.session == "" {
			id, err := a.newSession(ctx)
			if err != nil {
				return err
			}
			a.session = id
		}
		resp, err := a.post(ctx, "/v1/sessions/"+a.session+"/report-event", body)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGone {
			a.session = ""
			continue
		}
		return nil
	}
	return errors.New("report: out of attempts")
}
