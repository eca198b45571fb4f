package loopgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/loopgo"
)

func TestLoopgo(t *testing.T) {
	analysistest.Run(t, fixture.Dir(t), loopgo.Analyzer, "loopgo", "loopgo/throttle")
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
