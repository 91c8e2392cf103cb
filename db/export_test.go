package db

// OnEvaluate makes f run as each shared evaluation of the portfolio starts.
func (db *DB) OnEvaluate(f func()) { db.cache.computing = f }
