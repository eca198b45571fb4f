package tests_test

import (
	"sync"
	"testing"

	"robust/tests"
)

func TestExternal(t *testing.T) {
	var mu sync.Mutex
	for range 3 {
		mu.Lock()
		c, err := tests.Dial()
		if err != nil {
			mu.Unlock()
			t.Fatal(err)
		}
		c.Close()
		mu.Unlock()
	}
}

func ExampleDial() {
	c, _ := tests.Dial()
	defer c.Close()
	// Output:
}
