package ctxignore

import (
	"net/http"
	"time"
)

// issue4 (std net/http/cgi childCGIProcess): a for {} loop whose whole body
// is a sleep hangs on purpose until the process is killed, like select {}.
func hang(w http.ResponseWriter, r *http.Request) {
	for {
		time.Sleep(5 * time.Second) // hang forever, until killed
	}
}
