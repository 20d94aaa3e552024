// Package wrap holds the API client in a service of its own: its
// importers reach the client's methods without importing the client's
// package.
package wrap

import "helpers/apiclient"

// Service is what the application passes around.
type Service struct {
	API *apiclient.Client
}

// New returns a service on the default client.
func New() *Service {
	return &Service{API: &apiclient.Client{}}
}
