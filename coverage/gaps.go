package coverage

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"alliance"
)

// GapKind is the kind of a gap list entry.
type GapKind string

// Gap kinds.
const (
	KindGap            GapKind = "GAP"
	KindPlannedOnly    GapKind = "PLANNED_ONLY"
	KindOverpromised   GapKind = "OVERPROMISED"
	KindUnderDelivered GapKind = "UNDER_DELIVERED"
	KindPartial        GapKind = "PARTIAL"
	KindEmptyObjective GapKind = "EMPTY_OBJECTIVE"
	KindOrphanService  GapKind = "ORPHAN_SERVICE"
	KindOversubscribed GapKind = "OVERSUBSCRIBED"
)

// kindOf is the gap kind of a requirement status; COVERED has none.
var kindOf = map[Status]GapKind{
	Gap: KindGap, PlannedOnly: KindPlannedOnly, Overpromised: KindOverpromised,
	UnderDelivered: KindUnderDelivered, Partial: KindPartial,
}

// GapEntry is one entry of the gap list. The ids name what it is about (0
// where none applies).
type GapEntry struct {
	Kind          GapKind
	ClientID      int64
	ObjectiveID   int64
	RequirementID int64
	ServiceID     int64
	Key           GapKey
	// Sentence is the entry's message when it was read from storage rather
	// than computed here.
	Sentence string

	// e is the evaluation the entry belongs to: its sentence is written
	// from it when asked for (a list holds many entries, a page shows few).
	e *Evaluation
}

// Message says, in a sentence a salesperson understands, what is wrong.
func (g GapEntry) Message() string {
	if g.e == nil {
		return g.Sentence
	}
	in := g.e.in
	if g.Kind == KindEmptyObjective {
		return fmt.Sprintf("Objective %q of %s has no requirements yet.", in.objectives[g.ObjectiveID].Title, in.clients[g.ClientID].Name)
	}
	return in.requirementMessage(g.Kind, in.clients[g.ClientID], in.requirements[g.RequirementID], g.e.Requirements[g.RequirementID])
}

// GapKey places an entry in the gap list. Its order is total, so that a key
// is a stable cursor: requirement entries (group 0) by priority, the client's
// contract value (largest first), percent (lowest first), client name,
// objective title and requirement title; then empty objectives (group 1) by
// contract value, client name and objective title; then services (group 2)
// by monthly cost (largest first), orphan before oversubscribed, and name. An
// id breaks any tie left.
type GapKey struct {
	Group    int             `json:"g"`
	Priority int             `json:"p"`
	Value    decimal.Decimal `json:"v"`
	Percent  int             `json:"c"`
	Kind     int             `json:"k"`
	Names    [3]string       `json:"n"`
	ID       int64           `json:"i"`
}

// Compare orders two keys.
func (a GapKey) Compare(b GapKey) int {
	return cmp.Or(
		cmp.Compare(a.Group, b.Group),
		cmp.Compare(a.Priority, b.Priority),
		b.Value.Cmp(a.Value), // largest first
		cmp.Compare(a.Percent, b.Percent),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Names[0], b.Names[0]),
		cmp.Compare(a.Names[1], b.Names[1]),
		cmp.Compare(a.Names[2], b.Names[2]),
		cmp.Compare(a.ID, b.ID),
	)
}

// ServiceGaps returns the gap list entries about a service with these
// figures: ORPHAN_SERVICE, OVERSUBSCRIBED, both or none.
func ServiceGaps(sv *alliance.Service, f ServiceFigures) []GapEntry {
	var out []GapEntry
	key := GapKey{Group: 2, Value: sv.MonthlyCost, Names: [3]string{alliance.NameKey(sv.Name)}, ID: sv.ID}
	if f.Orphan {
		out = append(out, GapEntry{Kind: KindOrphanService, ServiceID: sv.ID, Key: key,
			Sentence: fmt.Sprintf("%s costs %s a month and no client requirement is served by it.", sv.Name, Money(sv.MonthlyCost))})
	}
	if f.Oversubscribed {
		key.Kind = 1
		out = append(out, GapEntry{Kind: KindOversubscribed, ServiceID: sv.ID, Key: key,
			Sentence: fmt.Sprintf("%s is committed %d capacity units but can carry %d.", sv.Name, f.CommittedUnits, *sv.Capacity)})
	}
	return out
}

// SortKey writes the key as a string whose byte order is the key's order, so
// that a database can keep the gap list in order with one indexed column:
// fixed-width digits for the numbers (the contract value inverted, largest
// first) and each name ended by a byte that sorts before any character.
func (a GapKey) SortKey() string {
	cents := a.Value.Shift(2).Round(0).BigInt()
	inverted := new(big.Int).Sub(maxCents, cents)
	var b strings.Builder
	fmt.Fprintf(&b, "%d%d%020s%03d%d", a.Group, a.Priority, inverted.String(), a.Percent, a.Kind)
	for _, n := range a.Names {
		b.WriteString(n)
		b.WriteByte(0x01)
	}
	fmt.Fprintf(&b, "%020d", a.ID)
	return b.String()
}

// maxCents is above any amount a key holds (DECIMAL(15,2)), in cents.
var maxCents, _ = new(big.Int).SetString("99999999999999999999", 10)

func priorityRank(p alliance.Priority) int { return 3 - int(Weight(p)) }

// gaps builds the gap list of the clients that have not churned.
func (e *Evaluation) gaps() []GapEntry {
	in := e.in
	var out []GapEntry
	for _, c := range in.snap.Clients {
		if !in.counts(c) {
			continue
		}
		for _, o := range in.objectivesOf[c.ID] {
			reqs := in.requirementsOf[o.ID]
			if len(reqs) == 0 {
				out = append(out, GapEntry{
					Kind: KindEmptyObjective, ClientID: c.ID, ObjectiveID: o.ID,
					e: e,
					Key: GapKey{Group: 1, Value: c.AnnualContractValue,
						Names: [3]string{alliance.NameKey(c.Name), alliance.NameKey(o.Title)}, ID: o.ID},
				})
			}
			for _, r := range reqs {
				cov := e.Requirements[r.ID]
				kind, ok := kindOf[cov.Status]
				if !ok {
					continue
				}
				out = append(out, GapEntry{
					Kind: kind, ClientID: c.ID, ObjectiveID: o.ID, RequirementID: r.ID,
					e: e,
					Key: GapKey{Group: 0, Priority: priorityRank(r.Priority), Value: c.AnnualContractValue, Percent: cov.Percent,
						Names: [3]string{alliance.NameKey(c.Name), alliance.NameKey(o.Title), alliance.NameKey(r.Title)}, ID: r.ID},
				})
			}
		}
	}
	for _, sv := range in.snap.Services {
		out = append(out, ServiceGaps(sv, *e.Services[sv.ID])...)
	}
	// Order by key through an index, without moving the entries around.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return out[a].Key.Compare(out[b].Key) })
	sorted := make([]GapEntry, len(out))
	for i, j := range order {
		sorted[i] = out[j]
	}
	return sorted
}

// requirementMessage says, in a sentence, what is wrong with a requirement.
func (in *index) requirementMessage(kind GapKind, c *alliance.Client, r *alliance.Requirement, cov Coverage) string {
	subject := fmt.Sprintf("%s requirement %q of %s", r.Priority, r.Title, c.Name)
	switch kind {
	case KindGap:
		return fmt.Sprintf("No service is committed to the %s.", subject)
	case KindPlannedOnly:
		return fmt.Sprintf("The %s is covered only by services not live yet: %s.", subject, in.plannedServices(r))
	case KindPartial:
		return fmt.Sprintf("The %s is only %d%% covered.", subject, cov.Percent)
	case KindOverpromised, KindUnderDelivered:
		// The first service that falls short, with every target it fails;
		// under-delivered, the first that is designed for every target
		// (the sentence says so) and measured short of one.
		var promised, got []string
		var service int64
		skip := map[int64]bool{}
		if kind == KindUnderDelivered {
			for _, sf := range cov.Shortfalls {
				if sf.Designed == nil || !in.metrics[sf.Metric].Meets(*sf.Designed, sf.Required) {
					skip[sf.ServiceID] = true
				}
			}
		}
		for _, sf := range cov.Shortfalls {
			if skip[sf.ServiceID] {
				continue
			}
			m := in.metrics[sf.Metric]
			if service != 0 && sf.ServiceID != service {
				break
			}
			if kind == KindOverpromised {
				if sf.Designed != nil && m.Meets(*sf.Designed, sf.Required) {
					continue
				}
				promised = append(promised, in.level(sf.Metric, sf.Required))
				if sf.Designed == nil {
					got = append(got, "no level of "+metricName(m))
				} else {
					got = append(got, Number(*sf.Designed)+" "+m.Unit)
				}
			} else {
				if sf.Measured == nil || m.Meets(*sf.Measured, sf.Required) {
					continue
				}
				promised = append(promised, in.level(sf.Metric, sf.Required))
				got = append(got, Number(*sf.Measured)+" "+m.Unit)
			}
			service = sf.ServiceID
		}
		if service == 0 {
			break
		}
		if kind == KindOverpromised {
			return fmt.Sprintf("The %s promises %s, but %s is designed for %s.",
				subject, strings.Join(promised, " and "), in.services[service].Name, strings.Join(got, " and "))
		}
		return fmt.Sprintf("The %s promises %s; %s is designed for it but its latest measurement is %s.",
			subject, strings.Join(promised, " and "), in.services[service].Name, strings.Join(got, " and "))
	}
	return fmt.Sprintf("The %s is %s.", subject, strings.ToLower(string(cov.Status)))
}

func (in *index) plannedServices(r *alliance.Requirement) string {
	var names []string
	for _, c := range in.commitmentsOf[r.ID] {
		if sv := in.services[c.ServiceID]; stateOf(sv) == planned {
			names = append(names, sv.Name)
		}
	}
	return strings.Join(names, ", ")
}

// level writes a value with the metric's name and unit: "168 hours/week of
// staffed support hours".
func (in *index) level(metric string, v float64) string {
	m := in.metrics[metric]
	if m == nil {
		return Number(v) + " " + metric
	}
	return fmt.Sprintf("%s %s of %s", Number(v), m.Unit, metricName(m))
}

func metricName(m *alliance.Metric) string {
	if m == nil {
		return "that metric"
	}
	return strings.ToLower(m.Name)
}

// Number writes a value without needless decimals: 168, 99.95.
func Number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Money writes an amount with thousands separators and cents: 9,800.00.
func Money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, ch := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// FilterGaps keeps the entries of the given kinds (all when none are given)
// about the given client (all when clientID is 0; entries about a service
// name no client and drop out).
func FilterGaps(gaps []GapEntry, kinds []GapKind, clientID int64) []GapEntry {
	var out []GapEntry
	for _, g := range gaps {
		if len(kinds) > 0 && !slices.Contains(kinds, g.Kind) {
			continue
		}
		if clientID != 0 && g.ClientID != clientID {
			continue
		}
		out = append(out, g)
	}
	return out
}
