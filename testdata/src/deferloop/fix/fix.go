package fix

import "os"

func processAll(names []string) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want `files stay open`
		_ = f
	}
}

// No fix: the return would return from the literal instead.
func withReturn(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close() // want `files stay open`
	}
	return nil
}

// Break inside a nested switch stays inside the body: fixable.
func nested(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `files stay open`
		switch name {
		case "x":
			break
		}
	}
}
