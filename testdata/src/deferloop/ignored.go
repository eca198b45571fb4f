package deferloop

import "os"

func suppressedSameLine(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //conclint:ignore deferloop the list has at most three names
	}
}

func suppressedLineBefore(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		//conclint:ignore deferloop,wgadd bounded by the caller
		defer f.Close()
	}
}

func noReason(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		//conclint:ignore deferloop // want `conclint:ignore directive for deferloop has no reason, so it suppresses nothing`
		defer f.Close() // want `files stay open`
	}
}

func stale() {
	//conclint:ignore deferloop nothing to suppress here // want `conclint:ignore directive for deferloop matches no finding; remove it`
	f, _ := os.Open("x")
	defer f.Close()
}

func typo(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		//conclint:ignore deferlop misspelled // want `names unknown analyzer "deferlop", so it suppresses nothing; did you mean deferloop`
		defer f.Close() // want `files stay open`
	}
}
