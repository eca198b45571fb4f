package loopgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/loopgo"
)

// TestLoopgo checks what bounds a loop's goroutines. Its fixtures take
// their data as parameters, so they run with -loopgo.params, which counts
// every parameter as data; TestOrigin checks where data comes from with
// the default configuration.
func TestLoopgo(t *testing.T) {
	cfg := loopgo.DefaultConfig()
	cfg.Params = true
	analysistest.Run(t, fixture.Dir(t), loopgo.New(cfg), "loopgo", "loopgo/throttle", "loopgo/reply", "loopgo/fdlimit")
}

func TestOrigin(t *testing.T) {
	analysistest.Run(t, fixture.Dir(t), loopgo.Analyzer, "loopgo/origin", "loopgo/testutil", "loopgo/bench", "loopgo/integration-tests/docker")
}

func TestAccept(t *testing.T) {
	cfg := loopgo.DefaultConfig()
	cfg.Accept = true
	analysistest.Run(t, fixture.Dir(t), loopgo.New(cfg), "loopgo/accept")
}

func TestMinTrips(t *testing.T) {
	cfg := loopgo.DefaultConfig()
	cfg.MinTrips = 1000
	analysistest.Run(t, fixture.Dir(t), loopgo.New(cfg), "loopgo/mintrips")
}
