package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"

	"alliance/db"
)

// ArchiMateNamespace is the namespace of the Open Group's ArchiMate Model
// Exchange File Format 3.0 and 3.1.
const ArchiMateNamespace = "http://www.opengroup.org/xsd/archimate/3.0/"

// ArchiMate writes the map of x as an ArchiMate Model Exchange File
// (format 3.1): clients as BusinessActor, objectives as Goal, requirements
// as Requirement (targets as properties), services as BusinessService when
// people deliver them (designed for support hours or response time) and
// ApplicationService otherwise (designed levels, monthly cost and
// lifecycle as properties); each requirement realizes its objective, each
// commitment is a Realization from its service to its requirement carrying
// its coverage percent and whether it holds (holds, by commitment id), and
// each objective has an Association with its client. Every property
// definition is declared once; each client has a diagram of three rows:
// its objectives (with the client), its requirements, and the services
// committed to them, with the relationships drawn.
func ArchiMate(w io.Writer, x *db.Exchange, holds map[int64]bool) error {
	m := newArchiModel(x, holds)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("write archimate: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type amText struct {
	Lang  string `xml:"xml:lang,attr"`
	Value string `xml:",chardata"`
}

func en(s string) amText { return amText{Lang: "en", Value: s} }

type amProperty struct {
	Ref   string `xml:"propertyDefinitionRef,attr"`
	Value amText `xml:"value"`
}

type amElement struct {
	ID            string       `xml:"identifier,attr"`
	Type          string       `xml:"xsi:type,attr"`
	Name          amText       `xml:"name"`
	Documentation *amText      `xml:"documentation,omitempty"`
	Properties    []amProperty `xml:"properties>property,omitempty"`
}

type amRelationship struct {
	ID         string       `xml:"identifier,attr"`
	Source     string       `xml:"source,attr"`
	Target     string       `xml:"target,attr"`
	Type       string       `xml:"xsi:type,attr"`
	Name       *amText      `xml:"name,omitempty"`
	Properties []amProperty `xml:"properties>property,omitempty"`
}

type amPropertyDefinition struct {
	ID   string `xml:"identifier,attr"`
	Type string `xml:"type,attr"`
	Name amText `xml:"name"`
}

type amNode struct {
	ID      string `xml:"identifier,attr"`
	Element string `xml:"elementRef,attr"`
	Type    string `xml:"xsi:type,attr"`
	X       int    `xml:"x,attr"`
	Y       int    `xml:"y,attr"`
	W       int    `xml:"w,attr"`
	H       int    `xml:"h,attr"`
}

type amConnection struct {
	ID           string `xml:"identifier,attr"`
	Relationship string `xml:"relationshipRef,attr"`
	Type         string `xml:"xsi:type,attr"`
	Source       string `xml:"source,attr"`
	Target       string `xml:"target,attr"`
}

type amView struct {
	ID          string         `xml:"identifier,attr"`
	Type        string         `xml:"xsi:type,attr"`
	Name        amText         `xml:"name"`
	Nodes       []amNode       `xml:"node"`
	Connections []amConnection `xml:"connection"`
}

// amModel is the root element; its children are in the order the schema's
// sequence gives them: name, documentation, elements, relationships,
// propertyDefinitions, views.
type amModel struct {
	XMLName             xml.Name               `xml:"model"`
	NS                  string                 `xml:"xmlns,attr"`
	XSI                 string                 `xml:"xmlns:xsi,attr"`
	SchemaLocation      string                 `xml:"xsi:schemaLocation,attr"`
	ID                  string                 `xml:"identifier,attr"`
	Name                amText                 `xml:"name"`
	Documentation       amText                 `xml:"documentation"`
	Elements            []amElement            `xml:"elements>element"`
	Relationships       []amRelationship       `xml:"relationships>relationship"`
	PropertyDefinitions []amPropertyDefinition `xml:"propertyDefinitions>propertyDefinition"`
	Views               []amView               `xml:"views>diagrams>view"`
}

// archiProps declares each property definition once, in the order first
// used, and makes properties that refer to it.
type archiProps struct {
	defs  []amPropertyDefinition
	known map[string]string
}

func (p *archiProps) prop(name, typ, value string) amProperty {
	id, ok := p.known[name]
	if !ok {
		id = fmt.Sprintf("propdef-%d", len(p.defs)+1)
		p.known[name] = id
		p.defs = append(p.defs, amPropertyDefinition{ID: id, Type: typ, Name: en(name)})
	}
	return amProperty{Ref: id, Value: en(value)}
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// peopleMetrics are the metrics of a service that people deliver.
var peopleMetrics = []string{"support_hours", "response_minutes", "resolution_hours"}

func newArchiModel(x *db.Exchange, holds map[int64]bool) *amModel {
	m := &amModel{
		NS: ArchiMateNamespace, XSI: "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: ArchiMateNamespace + " http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd",
		ID:             "alliance-model", Name: en("Alliance requirement map"),
		Documentation: en("Clients, their objectives and requirements, and the services committed to them, exported by Alliance on " +
			x.ExportedAt.Format("2006-01-02 15:04 UTC") + "."),
	}
	props := &archiProps{known: map[string]string{}}
	units := map[string]string{}
	for _, mt := range x.Metrics {
		units[mt.Key] = mt.Unit
	}
	levelName := func(kind, metric string) string {
		if u := units[metric]; u != "" {
			return fmt.Sprintf("%s %s (%s)", kind, metric, u)
		}
		return kind + " " + metric
	}
	id := func(kind string, n int64) string { return fmt.Sprintf("%s-%d", kind, n) }
	optional := func(s *string) *amText {
		if s == nil {
			return nil
		}
		t := en(*s)
		return &t
	}

	for _, c := range x.Clients {
		m.Elements = append(m.Elements, amElement{ID: id("client", c.ID), Type: "BusinessActor", Name: en(c.Name), Properties: []amProperty{
			props.prop("status", "string", c.Status),
			props.prop("annual contract value", "number", c.AnnualContractValue.StringFixed(2)),
		}})
	}
	for _, o := range x.Objectives {
		m.Elements = append(m.Elements, amElement{ID: id("objective", o.ID), Type: "Goal", Name: en(o.Title), Documentation: optional(o.Description),
			Properties: []amProperty{props.prop("priority", "string", o.Priority)}})
	}
	for _, r := range x.Requirements {
		ps := []amProperty{props.prop("priority", "string", r.Priority)}
		for _, t := range r.Targets {
			ps = append(ps, props.prop(levelName("target", t.Metric), "number", number(t.Value)))
		}
		m.Elements = append(m.Elements, amElement{ID: id("requirement", r.ID), Type: "Requirement", Name: en(r.Title), Documentation: optional(r.Description), Properties: ps})
	}
	for _, s := range x.Services {
		typ := "ApplicationService"
		ps := []amProperty{props.prop("lifecycle", "string", s.Lifecycle), props.prop("monthly cost", "number", s.MonthlyCost.StringFixed(2))}
		for _, l := range s.DesignedLevels {
			if slices.Contains(peopleMetrics, l.Metric) {
				typ = "BusinessService"
			}
			ps = append(ps, props.prop(levelName("designed", l.Metric), "number", number(l.Value)))
		}
		m.Elements = append(m.Elements, amElement{ID: id("service", s.ID), Type: typ, Name: en(s.Name), Documentation: optional(s.Description), Properties: ps})
	}

	for _, o := range x.Objectives {
		m.Relationships = append(m.Relationships, amRelationship{ID: id("association-objective", o.ID), Type: "Association",
			Source: id("client", o.ClientID), Target: id("objective", o.ID)})
	}
	for _, r := range x.Requirements {
		m.Relationships = append(m.Relationships, amRelationship{ID: id("realization-requirement", r.ID), Type: "Realization",
			Source: id("requirement", r.ID), Target: id("objective", r.ObjectiveID)})
	}
	for _, c := range x.Commitments {
		m.Relationships = append(m.Relationships, amRelationship{ID: id("realization-commitment", c.ID), Type: "Realization",
			Source: id("service", c.ServiceID), Target: id("requirement", c.RequirementID), Properties: []amProperty{
				props.prop("coverage percent", "number", strconv.Itoa(c.CoveragePercent)),
				props.prop("holds", "boolean", strconv.FormatBool(holds[c.ID])),
			}})
	}
	m.PropertyDefinitions = props.defs
	m.Views = archiViews(x)
	return m
}

// The layout of a client's diagram: boxes of boxW × boxH, gapX apart, in
// rows rowH apart.
const (
	boxW, boxH = 180, 60
	gapX       = 30
	rowH       = 160
	margin     = 24
)

// archiViews lays out one diagram per client: the client and its
// objectives in the first row, their requirements under them in the
// second, the services committed to those in the third, each row centred
// on the widest.
func archiViews(x *db.Exchange) []amView {
	objectivesOf := map[int64][]db.XObjective{}
	for _, o := range x.Objectives {
		objectivesOf[o.ClientID] = append(objectivesOf[o.ClientID], o)
	}
	requirementsOf := map[int64][]db.XRequirement{}
	for _, r := range x.Requirements {
		requirementsOf[r.ObjectiveID] = append(requirementsOf[r.ObjectiveID], r)
	}
	commitmentsOf := map[int64][]db.XCommitment{}
	for _, c := range x.Commitments {
		commitmentsOf[c.RequirementID] = append(commitmentsOf[c.RequirementID], c)
	}
	var views []amView
	for _, c := range x.Clients {
		v := amView{ID: fmt.Sprintf("view-client-%d", c.ID), Type: "Diagram", Name: en("Map of " + c.Name)}
		type box struct{ element, node string }
		var rows [3][]box
		node := func(element string) string { return fmt.Sprintf("view-%d-%s", c.ID, element) }
		add := func(row int, element string) {
			rows[row] = append(rows[row], box{element, node(element)})
		}
		add(0, fmt.Sprintf("client-%d", c.ID))
		seenService := map[int64]bool{}
		var conns []amConnection
		connect := func(rel, source, target string) {
			conns = append(conns, amConnection{ID: "view-" + strconv.FormatInt(c.ID, 10) + "-" + rel, Relationship: rel, Type: "Relationship",
				Source: node(source), Target: node(target)})
		}
		for _, o := range objectivesOf[c.ID] {
			oid := fmt.Sprintf("objective-%d", o.ID)
			add(0, oid)
			connect(fmt.Sprintf("association-objective-%d", o.ID), fmt.Sprintf("client-%d", c.ID), oid)
			for _, r := range requirementsOf[o.ID] {
				rid := fmt.Sprintf("requirement-%d", r.ID)
				add(1, rid)
				connect(fmt.Sprintf("realization-requirement-%d", r.ID), rid, oid)
				for _, cm := range commitmentsOf[r.ID] {
					sid := fmt.Sprintf("service-%d", cm.ServiceID)
					if !seenService[cm.ServiceID] {
						seenService[cm.ServiceID] = true
						add(2, sid)
					}
					connect(fmt.Sprintf("realization-commitment-%d", cm.ID), sid, rid)
				}
			}
		}
		widest := 0
		for _, r := range rows {
			widest = max(widest, len(r))
		}
		for i, r := range rows {
			left := margin + (widest-len(r))*(boxW+gapX)/2
			for j, b := range r {
				v.Nodes = append(v.Nodes, amNode{ID: b.node, Element: b.element, Type: "Element",
					X: left + j*(boxW+gapX), Y: margin + i*rowH, W: boxW, H: boxH})
			}
		}
		v.Connections = conns
		views = append(views, v)
	}
	return views
}
