package sendleak

// From etcd's election tests: one goroutine per element of a local slice
// literal of three, a buffer of three.
func campaignThree(a, b, c func() error) error {
	campaigns := []func() error{a, b, c}
	errC := make(chan error, 3)
	for _, campaign := range campaigns {
		go func() { errC <- campaign() }()
	}
	return <-errC
}
