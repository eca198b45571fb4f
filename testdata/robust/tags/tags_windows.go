package tags

func windowsOnly() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}
