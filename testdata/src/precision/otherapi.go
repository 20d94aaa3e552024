// Package precision holds retry code of clients of other APIs, in the
// shapes of published modules (a service-discovery agent, a LAN chat hub,
// an OAuth token fetch, a DNS provider's SDK), with the near misses that
// must still be reported. Codes of the policy apply only to code that
// speaks its API; elsewhere only the statuses the code reads are judged.
package precision

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"sdk"
)

const retryInterval = 15 * time.Second

// Discovery asks a local agent for its datacenter before it watches.
type Discovery struct {
	client     *http.Client
	agent      string
	datacenter string
}

// getDatacenter asks the local agent; its error says nothing of the
// policy's API.
func (d *Discovery) getDatacenter() error {
	resp, err := d.client.Get(d.agent + "/v1/agent/self")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("agent: unexpected status %s", resp.Status)
	}
	var info map[string]map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return err
	}
	dc, ok := info["Config"]["Datacenter"].(string)
	if !ok {
		return fmt.Errorf("agent: no datacenter")
	}
	d.datacenter = dc
	return nil
}

// initialize loops until the agent answers: a blanket retry of an opaque
// error from another API's client, at a fixed pace. Silent: no code of the
// policy can come back, and the loop reads no status.
func (d *Discovery) initialize(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		err := d.getDatacenter()
		if err != nil {
			time.Sleep(retryInterval)
			continue
		}
		return
	}
}

// Hub relays chat messages to peers on the local network.
type Hub struct {
	http  *http.Client
	peers map[string]string
}

// postToPeer sends one message to a peer.
func (h *Hub) postToPeer(ctx context.Context, addr string, msg []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/lanchat/msg", bytes.NewReader(msg))
	if err != nil {
		return err
	}
	resp, err := h.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("peer %s: status %d", addr, resp.StatusCode)
	}
	return nil
}

// postToPeerWithRetry tries a peer three times with a growing pause.
// Silent: the peer is not the policy's API.
func (h *Hub) postToPeerWithRetry(ctx context.Context, addr string, msg []byte) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 500 * time.Millisecond)
		}
		if err := h.postToPeer(ctx, addr, msg); err != nil {
			lastErr = err
			continue
		}
		return nil
	}
	return lastErr
}

// pingPeers retries the peer on every status it sees but success: a
// decision the loop makes itself on a status it can see, and a retry of
// 400 and 404 among them.
func (h *Hub) pingPeers(ctx context.Context, addr string) error {
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := h.http.Get("http://" + addr + "/lanchat/ping")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		time.Sleep(time.Second)
		continue // want `retry of 400, which is never retryable: fix the request and return the error` `retry of 429 without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of 401 without refreshing the token: refresh it before the next attempt` `retry of 502 with a constant delay: grow the delay exponentially per attempt`
	}
	return fmt.Errorf("peer %s: out of attempts", addr)
}

// Orders wraps the policy's own SDK.
type Orders struct {
	api *sdk.Client
}

// createSession is a helper of this package around the API's SDK: its
// errors carry the API's codes.
func (o *Orders) createSession(ctx context.Context, product string) (*sdk.Session, error) {
	return o.api.CreateSession(ctx, &sdk.CreateSessionRequest{ProductID: product})
}

// placeOrder retries every failure of the API's own SDK (through a local
// helper) at a fixed pace: a blanket retry of the API is still judged by
// its codes.
func (o *Orders) placeOrder(ctx context.Context, product string) (*sdk.Session, error) {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var s *sdk.Session
		if s, err = o.createSession(ctx, product); err == nil { // want `retry of AUTH_INVALID_KEY, which is never retryable: check the API key and return the error` `retry of RATE_LIMIT_EXCEEDED without waiting for Retry-After: sleep for the header's value before the next attempt` `retry of AUTH_EXPIRED_TOKEN without refreshing the token: refresh it before the next attempt` `retry of BACKEND_ERROR with a constant delay: grow the delay exponentially per attempt`
			return s, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}
