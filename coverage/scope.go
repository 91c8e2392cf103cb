package coverage

import "alliance"

// What the whole-portfolio answers mean to a viewer limited to one client.
// Such a viewer sees its client's map, the service catalog and the metrics,
// and nothing of any other client: the answers below are the portfolio-wide
// rules restricted to that client, so that no figure lets it infer another
// client's data.

// ClientPortfolio is the portfolio as seen by a viewer limited to client c
// with figures f: that client's score, status counts and contract value, its
// cost to serve as the service cost, and no orphan cost (orphans are a fact
// about every other client's commitments). Unlike the whole portfolio, it
// counts its client even after the client has churned: it is all the viewer
// has. A client that is gone gives the empty portfolio.
func ClientPortfolio(c *alliance.Client, f *ClientFigures) *PortfolioFigures {
	p := &PortfolioFigures{}
	if c == nil || f == nil {
		return p
	}
	p.Score, p.StatusCounts, p.AnnualContractValue = f.Score, f.StatusCounts, c.AnnualContractValue
	p.MonthlyServiceCost = Cents(f.MonthlyCostToServe)
	return p
}

// ClientService is a service's figures as seen by a viewer limited to one
// client: the units that client has committed, and neither oversubscribed nor
// orphan, which depend on the other clients' commitments.
func ClientService(units int) *ServiceFigures {
	return &ServiceFigures{CommittedUnits: units}
}

// ForClient is the impact as seen by a viewer limited to client c: the
// changes to c's requirements and score only, and c's contract value at risk
// when c loses a covered MUST requirement (and has not churned).
func (imp *Impact) ForClient(c *alliance.Client) *Impact {
	out := &Impact{ServiceID: imp.ServiceID}
	if c == nil {
		return out
	}
	atRisk := false
	for _, ch := range imp.Requirements {
		if ch.ClientID == c.ID {
			out.Requirements = append(out.Requirements, ch)
			atRisk = atRisk || ch.LosesMust
		}
	}
	for _, ch := range imp.Clients {
		if ch.ClientID == c.ID {
			out.Clients = append(out.Clients, ch)
		}
	}
	if atRisk && c.Status != alliance.Churned {
		out.RevenueAtRisk = c.AnnualContractValue
	}
	return out
}

// ClientMatches is the promise check as seen by a viewer limited to one
// client: the same services in the same order, without spare capacity, which
// is what every other client leaves of a service.
func ClientMatches(ms []Match) []Match {
	out := make([]Match, len(ms))
	for i, m := range ms {
		m.SpareCapacity = nil
		out[i] = m
	}
	return out
}
