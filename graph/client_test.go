package graph_test

import (
	"reflect"
	"strings"
	"testing"
)

const clientFields = `id name industry accountOwner status annualContractValue createdAt updatedAt`

type clientOut struct {
	ID                  string
	Name                string
	Industry            *string
	AccountOwner        *string
	Status              string
	AnnualContractValue string
	CreatedAt           string
	UpdatedAt           string
}

func TestCreateClient(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		t.Run("defaults", func(t *testing.T) {
			var out struct{ CreateClient clientOut }
			a.ok(`mutation { createClient(input: {name: "  Northwind Traders "}) { `+clientFields+` } }`, nil, &out)
			c := out.CreateClient
			if c.Name != "Northwind Traders" || c.Status != "ACTIVE" || c.AnnualContractValue != "0.00" || c.Industry != nil || c.AccountOwner != nil {
				t.Fatalf("got %+v", c)
			}
			if c.CreatedAt == "" || c.CreatedAt != c.UpdatedAt {
				t.Fatalf("timestamps %q %q", c.CreatedAt, c.UpdatedAt)
			}
		})
		t.Run("every field, money exact", func(t *testing.T) {
			for _, tc := range []struct {
				given any
				want  string
			}{
				{"1250.10", "1250.10"}, {"9999999999999.99", "9999999999999.99"}, {0.1, "0.10"},
				{480000, "480000.00"}, {"0.30", "0.30"}, {"1.100", "1.10"},
			} {
				var out struct{ CreateClient clientOut }
				name := "Client " + strings.NewReplacer(".", "_").Replace(tc.want)
				a.ok(`mutation($in: ClientInput!) { createClient(input: $in) { `+clientFields+` } }`, in(map[string]any{
					"name": name, "industry": "Logistics", "accountOwner": "Dana Whitfield", "status": "PROSPECT",
					"annualContractValue": tc.given,
				}), &out)
				c := out.CreateClient
				if c.AnnualContractValue != tc.want || *c.Industry != "Logistics" || *c.AccountOwner != "Dana Whitfield" || c.Status != "PROSPECT" {
					t.Fatalf("given %v: got %+v", tc.given, c)
				}
				var read struct{ Client clientOut }
				a.ok(`query($id: ID!) { client(id: $id) { `+clientFields+` } }`, map[string]any{"id": c.ID}, &read)
				if !reflect.DeepEqual(read.Client, c) {
					t.Fatalf("read back %+v, created %+v", read.Client, c)
				}
			}
		})
	})
}

func TestCreateClientRefusals(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		a.id(createClient, in(map[string]any{"name": "Contoso Health"}))
		clients, audits := a.count("clients"), a.count("audit_log")
		long := strings.Repeat("x", 201)
		for _, tc := range []struct {
			name  string
			input map[string]any
			code  string
			field string
		}{
			{"empty name", map[string]any{"name": ""}, "BAD_USER_INPUT", "name"},
			{"blank name", map[string]any{"name": "   "}, "BAD_USER_INPUT", "name"},
			{"long name", map[string]any{"name": long}, "BAD_USER_INPUT", "name"},
			{"line break in name", map[string]any{"name": "a\nb"}, "BAD_USER_INPUT", "name"},
			{"long industry", map[string]any{"name": "A", "industry": long}, "BAD_USER_INPUT", "industry"},
			{"negative value", map[string]any{"name": "A", "annualContractValue": "-1.00"}, "BAD_USER_INPUT", "annualContractValue"},
			{"three decimals", map[string]any{"name": "A", "annualContractValue": "10.005"}, "BAD_USER_INPUT", "annualContractValue"},
			{"too large", map[string]any{"name": "A", "annualContractValue": "10000000000000"}, "BAD_USER_INPUT", "annualContractValue"},
			{"not an amount", map[string]any{"name": "A", "annualContractValue": "ten"}, "BAD_USER_INPUT", "annualContractValue"},
			{"huge exponent", map[string]any{"name": "A", "annualContractValue": "1e999999999"}, "BAD_USER_INPUT", "annualContractValue"},
			{"duplicate name", map[string]any{"name": "contoso HEALTH"}, "CONFLICT", "name"},
			{"unknown status", map[string]any{"name": "A", "status": "BOGUS"}, "GRAPHQL_VALIDATION_FAILED", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a.fails(createClient, in(tc.input), tc.code, tc.field)
				if a.count("clients") != clients || a.count("audit_log") != audits {
					t.Fatal("a refused mutation wrote something")
				}
			})
		}
	})
}

func TestUpdateClient(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		id := a.id(createClient, in(map[string]any{"name": "Fabrikam", "industry": "Manufacturing", "accountOwner": "Lee", "annualContractValue": "100.00"}))
		a.id(createClient, in(map[string]any{"name": "Litware"}))
		update := `mutation($id: ID!, $p: ClientPatch!) { updateClient(id: $id, input: $p) { ` + clientFields + ` } }`
		patch := func(p map[string]any) clientOut {
			var out struct{ UpdateClient clientOut }
			a.ok(update, map[string]any{"id": id, "p": p}, &out)
			return out.UpdateClient
		}

		c := patch(map[string]any{"status": "CHURNED"})
		if c.Status != "CHURNED" || c.Name != "Fabrikam" || *c.Industry != "Manufacturing" || c.AnnualContractValue != "100.00" {
			t.Fatalf("omitted fields changed: %+v", c)
		}
		if c.UpdatedAt <= c.CreatedAt {
			t.Fatalf("updatedAt %s not after createdAt %s", c.UpdatedAt, c.CreatedAt)
		}
		c = patch(map[string]any{"industry": nil, "accountOwner": "  ", "annualContractValue": 0.3})
		if c.Industry != nil || c.AccountOwner != nil || c.AnnualContractValue != "0.30" {
			t.Fatalf("null and blank should clear: %+v", c)
		}
		if c = patch(map[string]any{"name": "FABRIKAM"}); c.Name != "FABRIKAM" {
			t.Fatalf("renaming to another case of the same name: %+v", c)
		}

		audits := a.count("audit_log")
		for _, tc := range []struct {
			name, code, field string
			id                any
			patch             map[string]any
		}{
			{"null name", "BAD_USER_INPUT", "name", id, map[string]any{"name": nil}},
			{"null status", "BAD_USER_INPUT", "status", id, map[string]any{"status": nil}},
			{"null value", "BAD_USER_INPUT", "annualContractValue", id, map[string]any{"annualContractValue": nil}},
			{"taken name", "CONFLICT", "name", id, map[string]any{"name": "litware"}},
			{"missing client", "NOT_FOUND", "", "999999", map[string]any{"name": "X"}},
			{"malformed id", "BAD_USER_INPUT", "id", "abc", map[string]any{"name": "X"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a.fails(update, map[string]any{"id": tc.id, "p": tc.patch}, tc.code, tc.field)
			})
		}
		if a.count("audit_log") != audits {
			t.Fatal("a refused update wrote an audit record")
		}
		var read struct{ Client clientOut }
		a.ok(`query($id: ID!) { client(id: $id) { `+clientFields+` } }`, map[string]any{"id": id}, &read)
		if read.Client.Name != "FABRIKAM" || read.Client.Status != "CHURNED" {
			t.Fatalf("refused updates changed the client: %+v", read.Client)
		}
	})
}

func TestDeleteClientCascades(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		gone := a.tree("Adventure Works")
		kept := a.tree("Tailspin Toys")
		a.id(recordMeasurement, in(map[string]any{"serviceId": gone.service, "metric": "availability", "value": 99.5,
			"periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-02-01T00:00:00Z"}))

		var out struct{ DeleteClient string }
		a.ok(`mutation($id: ID!) { deleteClient(id: $id) }`, map[string]any{"id": gone.client}, &out)
		if out.DeleteClient != gone.client {
			t.Fatalf("deleteClient returned %q, want %q", out.DeleteClient, gone.client)
		}
		var read struct {
			Client      *struct{ ID string }
			Objective   *struct{ ID string }
			Requirement *struct{ ID string }
			Commitment  *struct{ ID string }
			Service     *struct{ Commitments []struct{ ID string } }
		}
		a.ok(`query($c: ID!, $o: ID!, $r: ID!, $k: ID!, $s: ID!) {
			client(id: $c) { id } objective(id: $o) { id } requirement(id: $r) { id } commitment(id: $k) { id }
			service(id: $s) { commitments { id } } }`,
			map[string]any{"c": gone.client, "o": gone.objective, "r": gone.requirement, "k": gone.commitment, "s": gone.service}, &read)
		if read.Client != nil || read.Objective != nil || read.Requirement != nil || read.Commitment != nil {
			t.Fatalf("the client's tree survived: %+v", read)
		}
		if read.Service == nil || len(read.Service.Commitments) != 0 {
			t.Fatalf("the service should stay, without the commitment: %+v", read.Service)
		}
		if a.count("requirement_targets") != 1 || a.count("measurements") != 1 {
			t.Fatalf("targets %d (want 1, the other client's), measurements %d (want 1)", a.count("requirement_targets"), a.count("measurements"))
		}
		a.ok(`query($c: ID!) { client(id: $c) { objectives { requirements { commitments { id } } } } }`, map[string]any{"c": kept.client}, &struct{}{})
		if a.count("commitments") != 1 || a.count("objectives") != 1 {
			t.Fatal("the other client's tree was touched")
		}
		a.fails(`mutation($id: ID!) { deleteClient(id: $id) }`, map[string]any{"id": gone.client}, "NOT_FOUND", "")
	})
}
