// Package outer keeps wrap's service in an application struct: the client
// is two imports away from outer's importers.
package outer

import "indirect/wrap"

// App is the application.
type App struct {
	Svc *wrap.Service
}
