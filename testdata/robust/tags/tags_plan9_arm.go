package tags

func plan9Only() {
	for {
		select {}
	}
}
