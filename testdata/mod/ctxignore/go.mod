module example.com/ctxignorego

go 1.20
