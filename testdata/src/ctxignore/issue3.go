package ctxignore

import "context"

// issue3 (prometheus discovery/kubernetes: d.newNodeInformer(context.Background())
// where newNodeInformer(_ context.Context)): the callee names the parameter _,
// so the context passed there is ignored and the choice does not matter.
func (s *Store) newInformer(_ context.Context, kind string) {}

func (s *Store) RunInformers(ctx context.Context) {
	s.newInformer(context.Background(), "node")
}
