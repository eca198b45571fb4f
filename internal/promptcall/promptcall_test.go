package promptcall

import "testing"

func TestLogName(t *testing.T) {
	for name, want := range map[string]bool{
		"Info": true, "Infof": true, "Infow": true, "Warningf": true, "Println": true,
		"ErrorContext": true, "V": true, "WithFields": true, "Named": true,
		"Fatal": false, "Fatalf": false, "Panic": false, "Information": false,
		"Errors": false, "Sync": false, "Write": false,
	} {
		if got := LogName(name); got != want {
			t.Errorf("LogName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLogPackage(t *testing.T) {
	for path, want := range map[string]bool{
		"log": true, "log/slog": true, "k8s.io/klog/v2": true, "github.com/rs/zerolog/v9": true, "example.com/api/v2": false, "k8s.io/klog": true,
		"github.com/sirupsen/logrus": true, "go.uber.org/zap": true,
		"example.com/internal/logging": true, "example.com/catalog": false,
		"example.com/ui/dialog": false,
	} {
		if got := LogPackage(path); got != want {
			t.Errorf("LogPackage(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestComputePackage(t *testing.T) {
	for path, want := range map[string]bool{
		"strings": true, "slices": true, "math/bits": true,
		"os": false, "net/http": false, "sync/atomic": false, "fmt": false,
	} {
		if got := ComputePackage(path); got != want {
			t.Errorf("ComputePackage(%q) = %v, want %v", path, got, want)
		}
	}
}
