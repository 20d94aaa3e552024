package testfuncs

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// FetchForTest is a helper the external test package may call: it sends
// a request, and its summary says so.
func FetchForTest(ctx context.Context, url string) (*http.Response, error) { // want FetchForTest:`^attempt\(response\)$`
	return (&Client{HTTP: http.DefaultClient}).Get(ctx, url)
}

// TestGet waits and sends a request, but no package calls a Test
// function: no summary.
func TestGet(t *testing.T) {
	time.Sleep(10 * time.Millisecond)
	resp, err := (&Client{HTTP: http.DefaultClient}).Get(context.Background(), "http://127.0.0.1:1")
	if err == nil {
		resp.Body.Close()
	}
}

// BenchmarkGet waits too: no summary.
func BenchmarkGet(b *testing.B) {
	for range b.N {
		time.Sleep(time.Millisecond)
	}
}

// SettleForTest waits: an exported helper of the test file, summarised.
func SettleForTest() { // want SettleForTest:`^waits\(constant delay\)$`
	time.Sleep(10 * time.Millisecond)
}

// Testify is not a Test function (a lower-case letter follows "Test"):
// it gets a summary like any exported function.
func Testify(ctx context.Context) (*http.Response, error) { // want Testify:`^attempt\(response\)$`
	return http.Get("http://127.0.0.1:1")
}
