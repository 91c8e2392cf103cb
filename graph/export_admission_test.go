package graph

// HoldTurn takes one of api's turns for expensive operations, as an
// operation running would, and returns the function that gives it back.
func HoldTurn(api *API) func() {
	api.admit.turns <- struct{}{}
	return api.admit.leave
}
