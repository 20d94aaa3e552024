// Package messageraw holds retry decisions on the message of an envelope
// the client decodes itself, beside the envelope's code.
package messageraw

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"strings"
	"time"
)

// envelope is the API's failure body, decoded by hand.
type envelope struct {
	Success bool `json:"success"`
	Error   *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// envelopeMessage branches on the raw envelope's message beside its code.
func envelopeMessage(c *http.Client, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		var env envelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		if strings.Contains(env.Error.Message, "try again") { // want `retry decision on the error's message text, which is for logs: branch on the error code or the HTTP status`
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return errors.New(env.Error.Code)
	}
	return errors.New("out of attempts")
}

// envelopeCodeDecides branches on the raw envelope's code and logs the
// message.
func envelopeCodeDecides(c *http.Client, url string) error {
	for attempt := 0; attempt < 4; attempt++ {
		resp, err := c.Get(url)
		if err != nil {
			return err
		}
		var env envelope
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if env.Success {
			return nil
		}
		if env.Error.Code == "BACKEND_ERROR" {
			log.Printf("retrying: %s", env.Error.Message)
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return errors.New(env.Error.Code)
	}
	return errors.New("out of attempts")
}
