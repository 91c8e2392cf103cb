package main

import (
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"alliance/db/dbtest"
	"alliance/export"
)

// xnode is an XML element read generically.
type xnode struct {
	name     xml.Name
	attrs    map[string]string
	children []*xnode
	text     string
}

func (n *xnode) all(local string) []*xnode {
	var out []*xnode
	var walk func(*xnode)
	walk = func(m *xnode) {
		for _, c := range m.children {
			if c.name.Local == local {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func parseXML(t *testing.T, body string) *xnode {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance" {
					key = "xsi:" + key
				}
				n.attrs[key] = a.Value
			}
			if len(stack) > 0 {
				stack[len(stack)-1].children = append(stack[len(stack)-1].children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	return root
}

// The names the ArchiMate 3.1 specification gives element and relationship
// types (the exchange format's xsi:type values).
var (
	archiElementTypes = []string{"BusinessActor", "BusinessRole", "BusinessCollaboration", "BusinessInterface", "BusinessProcess",
		"BusinessFunction", "BusinessInteraction", "BusinessEvent", "BusinessService", "BusinessObject", "Contract", "Representation",
		"Product", "ApplicationComponent", "ApplicationCollaboration", "ApplicationInterface", "ApplicationFunction",
		"ApplicationInteraction", "ApplicationProcess", "ApplicationEvent", "ApplicationService", "DataObject", "Stakeholder",
		"Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement", "Constraint", "Meaning", "Value"}
	archiRelationshipTypes = []string{"Composition", "Aggregation", "Assignment", "Realization", "Serving", "Access",
		"Influence", "Triggering", "Flow", "Specialization", "Association"}
	// The children of model, in the order of the schema's sequence.
	archiModelOrder = []string{"name", "documentation", "metadata", "properties", "elements", "relationships", "organizations", "propertyDefinitions", "views"}
	// xs:ID is an NCName: a letter or _ first, then letters, digits, _ - and .
	ncName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)
)

func TestArchiMateExportHasTheStructureTheSchemaDemands(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			if _, _, err := runCommand(t, []string{"seed", "--demo", "--db", url}, nil); err != nil {
				t.Fatal(err)
			}
			out, _, err := runCommand(t, []string{"export", "--format", "archimate", "--db", url}, nil)
			if err != nil {
				t.Fatal(err)
			}
			m := parseXML(t, out)
			if m.name.Local != "model" || m.name.Space != export.ArchiMateNamespace {
				t.Fatalf("root %v", m.name)
			}
			// Children of model: each in the schema's order.
			last := -1
			for _, c := range m.children {
				i := slices.Index(archiModelOrder, c.name.Local)
				if i < 0 || i < last {
					t.Fatalf("model's child %s out of the schema's order %v", c.name.Local, archiModelOrder)
				}
				last = i
			}
			// Identifiers: xs:ID, unique.
			ids := map[string]*xnode{}
			var walk func(*xnode)
			walk = func(n *xnode) {
				if id, ok := n.attrs["identifier"]; ok {
					if !ncName.MatchString(id) || ids[id] != nil {
						t.Errorf("identifier %q is not a new xs:ID", id)
					}
					ids[id] = n
				}
				for _, c := range n.children {
					walk(c)
				}
			}
			walk(m)
			types := map[string]int{}
			for _, e := range m.all("element") {
				if !slices.Contains(archiElementTypes, e.attrs["xsi:type"]) {
					t.Errorf("element type %q", e.attrs["xsi:type"])
				}
				types[e.attrs["xsi:type"]]++
			}
			for _, r := range m.all("relationship") {
				if !slices.Contains(archiRelationshipTypes, r.attrs["xsi:type"]) {
					t.Errorf("relationship type %q", r.attrs["xsi:type"])
				}
				types[r.attrs["xsi:type"]]++
				for _, end := range []string{"source", "target"} {
					if ids[r.attrs[end]] == nil || ids[r.attrs[end]].name.Local != "element" {
						t.Errorf("relationship %s: %s %q is no element", r.attrs["identifier"], end, r.attrs[end])
					}
				}
			}
			// The demo: 8 clients, 25 objectives, 74 requirements, 17 services, 70 commitments.
			if types["BusinessActor"] != 8 || types["Goal"] != 25 || types["Requirement"] != 74 ||
				types["BusinessService"]+types["ApplicationService"] != 17 || types["BusinessService"] == 0 || types["ApplicationService"] == 0 ||
				types["Realization"] != 74+70 || types["Association"] != 25 {
				t.Errorf("counts %v", types)
			}
			// Property definitions: declared once, each referenced, each
			// reference resolving.
			defs := map[string]bool{}
			names := map[string]bool{}
			for _, d := range m.all("propertyDefinition") {
				name := strings.TrimSpace(d.all("name")[0].text)
				if names[name] {
					t.Errorf("property definition %q declared twice", name)
				}
				names[name] = true
				defs[d.attrs["identifier"]] = false
			}
			for _, p := range m.all("property") {
				ref := p.attrs["propertyDefinitionRef"]
				if _, ok := defs[ref]; !ok {
					t.Errorf("property refers to %q", ref)
				}
				defs[ref] = true
			}
			for id, used := range defs {
				if !used {
					t.Errorf("property definition %s is not referenced", id)
				}
			}
			for _, want := range []string{"coverage percent", "holds", "lifecycle", "monthly cost", "target availability (percent)", "designed availability (percent)"} {
				if !names[want] {
					t.Errorf("no property %q in %v", want, names)
				}
			}
			// Views: one per client, three rows, every node and connection
			// resolving, each connection drawn between the nodes of its
			// relationship's ends.
			views := m.all("view")
			if len(views) != 8 {
				t.Fatalf("%d views", len(views))
			}
			for _, v := range views {
				if v.attrs["xsi:type"] != "Diagram" {
					t.Errorf("view type %q", v.attrs["xsi:type"])
				}
				rows := map[string]bool{}
				elementOf := map[string]string{}
				for _, n := range v.all("node") {
					if n.attrs["xsi:type"] != "Element" || ids[n.attrs["elementRef"]] == nil || ids[n.attrs["elementRef"]].name.Local != "element" {
						t.Errorf("node %v", n.attrs)
					}
					rows[n.attrs["y"]] = true
					elementOf[n.attrs["identifier"]] = n.attrs["elementRef"]
				}
				if len(rows) != 3 {
					t.Errorf("view %s has %d rows", v.attrs["identifier"], len(rows))
				}
				conns := v.all("connection")
				if len(conns) == 0 {
					t.Errorf("view %s draws no relationship", v.attrs["identifier"])
				}
				for _, c := range conns {
					rel := ids[c.attrs["relationshipRef"]]
					if rel == nil || rel.name.Local != "relationship" || c.attrs["xsi:type"] != "Relationship" {
						t.Fatalf("connection %v", c.attrs)
					}
					if elementOf[c.attrs["source"]] != rel.attrs["source"] || elementOf[c.attrs["target"]] != rel.attrs["target"] {
						t.Errorf("connection %s is not drawn between its relationship's ends", c.attrs["identifier"])
					}
				}
			}
			// A commitment that does not hold says so.
			if !strings.Contains(out, `<value xml:lang="en">false</value>`) || !strings.Contains(out, `<value xml:lang="en">true</value>`) {
				t.Error("no commitment that holds, or none that does not")
			}
			// One client's part: its actor alone, one view.
			part, _, err := runCommand(t, []string{"export", "--format", "archimate", "--client", "2", "--db", url}, nil)
			if err != nil {
				t.Fatal(err)
			}
			pm := parseXML(t, part)
			if len(pm.all("view")) != 1 || strings.Count(part, `xsi:type="BusinessActor"`) != 1 {
				t.Errorf("client part: %d views", len(pm.all("view")))
			}
		})
	}
}
