package ctxignore

import "database/sql"

// issue1 (std database/sql tests): a function whose only ctx is derived
// from a parameter (ctx := st.Context()) has that ctx in scope only after
// the declaration, not before it or in another block.
func (s *Store) Stream(db *sql.DB, st stream) {
	db.Exec("SELECT 1") // before ctx exists
	{
		ctx := st.Context()
		_ = ctx
	}
	db.Exec("SELECT 2") // ctx is out of scope again
}
