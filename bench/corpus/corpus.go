// Command corpus is not meant to run: it imports the benchmark corpus, five
// concurrency-heavy modules pinned in go.mod, so that go mod tidy keeps them
// and bench/run.sh corpus and bench/triage can analyse them by package path.
package main

import (
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/hashicorp/raft"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/segmentio/kafka-go"
	_ "google.golang.org/grpc"
)

func main() {}
