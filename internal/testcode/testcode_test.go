package testcode

import "testing"

func TestSupportPackage(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/ipfs/kubo/test/cli/testutils":           true,
		"net/http/httptest":                                 true,
		"example.com/x/internal/testing/fakes":              true,
		"example.com/x/e2e":                                 true,
		"example.com/x/testenv":                             true,
		"example.com/x/pkg/server":                          false,
		"example.com/x/testdata/demo":                       false,
		"example.com/x/latest":                              false,
		"github.com/cockroachdb/pebble/bench":               true,
		"example.com/x/benchmarks/ycsb":                     true,
		"example.com/x/benchstat":                           false, // a tool of its own name
		"example.com/x/workbench":                           false,
		"github.com/conclint/conclint/passes/loopgo":        false,
		"example.com/contest/app":                           true, // ends with "test": a known over-match
		"github.com/grafana/alloy/integration-tests/docker": true,
		"example.com/x/e2e_suite":                           true,
		"example.com/x/latest-release":                      false,
		"example.com/x/attestation-api":                     false,
		"example.com/x/go-kit":                              false,
	} {
		if got := SupportPackage(path); got != want {
			t.Errorf("SupportPackage(%q) = %v, want %v", path, got, want)
		}
	}
}
