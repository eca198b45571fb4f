package sendleak

// From go-ethereum's console: the reader sends one line or one error per
// prompt it receives, and the loop sends the next prompt only after it has
// received the answer to the previous one.
func interactive(prompt func(string) (string, error), stopped <-chan struct{}, eval func(string)) {
	lines := make(chan string, 1)
	errs := make(chan error, 1)
	requests := make(chan string)
	go readLines(prompt, lines, errs, requests)
	defer close(requests)
	for {
		requests <- "> "
		select {
		case <-stopped:
			return
		case <-errs:
			continue
		case l := <-lines:
			eval(l)
		}
	}
}

func readLines(prompt func(string) (string, error), lines chan<- string, errs chan<- error, requests <-chan string) {
	for p := range requests {
		l, err := prompt(p)
		if err != nil {
			errs <- err
		} else {
			lines <- l
		}
	}
}
