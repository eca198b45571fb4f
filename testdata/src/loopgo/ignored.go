package loopgo

func suppressed(jobs []Job) {
	for _, j := range jobs {
		//conclint:ignore loopgo the caller passes at most three jobs
		go process(j)
	}
}
