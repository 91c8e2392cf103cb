package db

import (
	"sync"

	"golang.org/x/sync/singleflight"

	"alliance/coverage"
)

// evaluationCache holds the last evaluation of the portfolio and the revision
// of the database it was made at.
type evaluationCache struct {
	mu     sync.Mutex
	rev    int64
	eval   *coverage.Evaluation
	flight singleflight.Group
	// computing, when set, is called as a shared evaluation starts (tests).
	computing func()
}

// get returns the evaluation made at revision rev or later, or nil.
func (c *evaluationCache) get(rev int64) *coverage.Evaluation {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.eval != nil && c.rev >= rev {
		return c.eval
	}
	return nil
}

// put keeps e, made at revision rev, unless a newer one is kept already.
func (c *evaluationCache) put(rev int64, e *coverage.Evaluation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.eval == nil || rev >= c.rev {
		c.rev, c.eval = rev, e
	}
}
