package alliance

import "time"

// ScorePoint is a client's score at a moment: the history records one
// whenever a committed change moves it. Score is nil while the client has no
// requirement.
type ScorePoint struct {
	At    time.Time
	Score *float64
}
