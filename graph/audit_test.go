package graph_test

import (
	"encoding/json"
	"testing"
)

type auditOut struct {
	ID, At, Actor, Action, Entity, EntityID string
	Before, After                           map[string]any
	RequestID                               *string
}

func TestAuditLog(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		tr := a.tree("Coho Winery")
		a.ok(`mutation($id: ID!) { updateClient(id: $id, input: {name: "Coho Vineyard", annualContractValue: "1200.00"}) { id } }`,
			map[string]any{"id": tr.client}, nil)
		a.ok(`mutation($id: ID!) { deleteClient(id: $id) }`, map[string]any{"id": tr.client}, nil)

		query := `query($f: AuditFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) {
			totalCount nodes { id at actor action entity entityId before after requestId } pageInfo { hasNextPage endCursor } } }`
		var out struct {
			AuditLog struct {
				TotalCount int
				Nodes      []auditOut
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		a.ok(query, map[string]any{"f": map[string]any{"entity": "Client", "entityId": tr.client}}, &out)
		log := out.AuditLog.Nodes
		if len(log) != 3 || out.AuditLog.TotalCount != 3 {
			t.Fatalf("want create, update, delete: %+v", log)
		}
		del, upd, cre := log[0], log[1], log[2]
		if del.Action != "DELETE" || upd.Action != "UPDATE" || cre.Action != "CREATE" {
			t.Fatalf("newest first: %s %s %s", del.Action, upd.Action, cre.Action)
		}
		for _, e := range log {
			if e.Actor != "tester" || e.Entity != "Client" || e.EntityID != tr.client || e.At == "" {
				t.Fatalf("entry %+v", e)
			}
		}
		if cre.Before != nil || cre.After["name"] != "Coho Winery" {
			t.Fatalf("create: before %v after %v", cre.Before, cre.After)
		}
		if upd.Before["name"] != "Coho Winery" || upd.After["name"] != "Coho Vineyard" || upd.After["annualContractValue"] != "1200" {
			t.Fatalf("update: before %v after %v", upd.Before, upd.After)
		}
		if del.After != nil || del.Before["name"] != "Coho Vineyard" {
			t.Fatalf("delete: before %v after %v", del.Before, del.After)
		}
		cascade, _ := json.Marshal(del.Before["cascade"])
		want := `{"commitments":[` + tr.commitment + `],"objectives":[` + tr.objective + `],"requirements":[` + tr.requirement + `]}`
		if string(cascade) != want {
			t.Fatalf("cascade %s, want %s", cascade, want)
		}

		// Every mutation of the tree wrote one entry; page through them all.
		var all []auditOut
		var after any
		for {
			a.ok(query, map[string]any{"first": 2, "after": after}, &out)
			all = append(all, out.AuditLog.Nodes...)
			if !out.AuditLog.PageInfo.HasNextPage {
				break
			}
			after = *out.AuditLog.PageInfo.EndCursor
		}
		if len(all) != 7 || out.AuditLog.TotalCount != 7 {
			t.Fatalf("5 creates, 1 update, 1 delete: got %d entries", len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i-1].ID <= all[i].ID && len(all[i-1].ID) <= len(all[i].ID) {
				t.Fatal("not newest first")
			}
		}
		entities := map[string]int{}
		for _, e := range all {
			entities[e.Entity]++
		}
		if entities["Client"] != 3 || entities["Objective"] != 1 || entities["Requirement"] != 1 || entities["Service"] != 1 || entities["Commitment"] != 1 {
			t.Fatalf("entities %v", entities)
		}
		var byActor struct{ AuditLog struct{ TotalCount int } }
		a.ok(`{ auditLog(filter: {actor: "someone else"}) { totalCount } }`, nil, &byActor)
		if byActor.AuditLog.TotalCount != 0 {
			t.Fatal("actor filter")
		}
	})
}
