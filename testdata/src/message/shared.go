package message

import (
	"context"
	"errors"
	"strings"
	"time"

	"sdk"
)

// lastText is the latest failure's text, shown on a status page.
var lastText string

// textKeptInPackageVariable keeps the text in a package variable first.
// A variable that every call shares is not followed back to one failure's
// text, so the decision is not judged: a limitation, listed in the README.
func textKeptInPackageVariable(ctx context.Context, c *sdk.Client, id string) (*sdk.Session, error) {
	for attempt := 0; attempt < 4; attempt++ {
		s, err := c.GetSession(ctx, id)
		if err == nil {
			return s, nil
		}
		lastText = err.Error()
		if strings.Contains(lastText, "upstream") {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
			continue
		}
		return nil, err
	}
	return nil, errors.New("out of attempts")
}
