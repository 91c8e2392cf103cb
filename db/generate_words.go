package db

import "alliance"

// The vocabulary of generated portfolios: the metric catalog as Generate
// uses it, the service templates (the demo catalog and a few more), and the
// words that names and titles are made of. Everything here is in a fixed
// order, so that the same seed always makes the same choices.

// metricSpec is a metric of the catalog seeded by migration 00001, with the
// levels a generated target or design may take: ladder runs from the loosest
// to the tightest.
type metricSpec struct {
	key       string
	direction alliance.Direction
	ladder    []float64
	decimals  int    // of measured values
	source    string // where its measurements come from
}

func (m *metricSpec) higher() bool { return m.direction == alliance.HigherIsBetter }

// meets reports whether value meets target, as the coverage rules judge it.
func (m *metricSpec) meets(value, target float64) bool {
	return alliance.Metric{Direction: m.direction}.Meets(value, target)
}

// genMetrics are the six metrics of migration 00001, in its order.
var genMetrics = []*metricSpec{
	{key: "availability", direction: alliance.HigherIsBetter, ladder: []float64{99.0, 99.5, 99.8, 99.9, 99.95, 99.99}, decimals: 2, source: "Uptime monitoring (weekly report)"},
	{key: "support_hours", direction: alliance.HigherIsBetter, ladder: []float64{45, 60, 84, 168}, decimals: 0, source: "Staffing rota"},
	{key: "response_minutes", direction: alliance.LowerIsBetter, ladder: []float64{240, 120, 60, 30, 15, 5}, decimals: 1, source: "ITSM ticket report"},
	{key: "resolution_hours", direction: alliance.LowerIsBetter, ladder: []float64{72, 48, 24, 8, 4, 2}, decimals: 1, source: "ITSM ticket report"},
	{key: "rpo_minutes", direction: alliance.LowerIsBetter, ladder: []float64{1440, 240, 60, 15, 5}, decimals: 0, source: "Backup job reports"},
	{key: "rto_minutes", direction: alliance.LowerIsBetter, ladder: []float64{2880, 480, 240, 60, 30}, decimals: 0, source: "Recovery tests"},
}

// Indexes of genMetrics, for the templates below.
const (
	mAvailability = iota
	mSupportHours
	mResponse
	mResolution
	mRPO
	mRTO
)

// templateLevel is a designed level of a service template: a metric and a
// step of its ladder.
type templateLevel struct{ metric, step int }

// serviceTemplate is a kind of service; the catalog holds several of each,
// one per site, each designed a step tighter or looser than the template.
type serviceTemplate struct {
	name, team, description string
	cost                    float64 // typical monthly cost
	capacity                bool    // carries a capacity, usually
	levels                  []templateLevel
}

// serviceTemplates are the demo catalog's services and a few more. The
// first instance of each is among the most used services of the catalog.
var serviceTemplates = []serviceTemplate{
	{"Service Desk — Office Hours", "Service Desk", "Phone, email and portal support, Monday to Friday 08:00–17:00.", 18500, true,
		[]templateLevel{{mSupportHours, 0}, {mResponse, 3}, {mResolution, 3}}},
	{"Service Desk — 24/7", "Service Desk", "Around-the-clock support with an on-call engineer for priority 1 incidents.", 42000, true,
		[]templateLevel{{mSupportHours, 3}, {mResponse, 4}, {mResolution, 4}}},
	{"Managed Backup", "Backup & Recovery", "Policy-based backup of servers, databases and Microsoft 365, kept offsite for seven years.", 6400, false,
		[]templateLevel{{mRPO, 1}, {mRTO, 1}}},
	{"Disaster Recovery as a Service", "Backup & Recovery", "Continuous replication to a secondary data centre with tested failover runbooks.", 14500, true,
		[]templateLevel{{mRPO, 3}, {mRTO, 3}}},
	{"Managed Firewall", "Network & Security", "Next-generation firewalls in high-availability pairs, rule changes and log retention included.", 3900, true,
		[]templateLevel{{mAvailability, 4}}},
	{"Cloud Hosting — Premium", "Cloud Platform", "Dedicated virtual infrastructure across two availability zones for critical applications.", 27000, true,
		[]templateLevel{{mAvailability, 4}}},
	{"Cloud Hosting — Standard", "Cloud Platform", "Shared virtual infrastructure in one zone for business applications.", 11000, true,
		[]templateLevel{{mAvailability, 1}}},
	{"ERP Hosting", "Business Applications", "Hosted and patched ERP instances, one unit per production company code.", 16000, true,
		[]templateLevel{{mAvailability, 3}}},
	{"E-commerce Platform Hosting", "Cloud Platform", "Autoscaling web shop platform with CDN and managed database.", 19500, true,
		[]templateLevel{{mAvailability, 4}}},
	{"Endpoint Management", "Workplace", "Enrolment, encryption, patching and remote wipe of laptops, desktops and handhelds.", 8200, false,
		[]templateLevel{{mResolution, 2}}},
	{"Security Operations Center", "Cyber Defence", "24/7 security monitoring, triage and incident response.", 38000, true,
		[]templateLevel{{mSupportHours, 3}, {mResponse, 4}}},
	{"Microsoft 365 Administration", "Workplace", "Tenant administration, licences, mail flow and retention policies for Microsoft 365.", 5200, false,
		[]templateLevel{{mAvailability, 3}}},
	{"Managed SD-WAN", "Network & Security", "Managed site links and Wi-Fi with dual carriers at every site.", 7600, true,
		[]templateLevel{{mAvailability, 3}}},
	{"Managed Database Hosting", "Data Platform", "Replicated database clusters with point-in-time recovery.", 21000, true,
		[]templateLevel{{mAvailability, 4}, {mRPO, 3}, {mRTO, 3}}},
	{"Network Operations Center", "Network & Security", "Around-the-clock monitoring and first-line repair of networks and links.", 29000, true,
		[]templateLevel{{mSupportHours, 3}, {mResponse, 4}, {mResolution, 4}}},
	{"Colocation", "Datacentre Operations", "Racks, power and cooling in our two data centres, with remote hands.", 12500, true,
		[]templateLevel{{mAvailability, 5}}},
	{"Managed Kubernetes", "Cloud Platform", "Upgraded and monitored Kubernetes clusters for containerised applications.", 17500, true,
		[]templateLevel{{mAvailability, 3}, {mRTO, 2}}},
	{"Unified Communications", "Workplace", "Hosted telephony, contact-centre queues and meeting rooms.", 6900, false,
		[]templateLevel{{mAvailability, 3}, {mResponse, 2}}},
	{"Identity & Access Management", "Cyber Defence", "Single sign-on, multi-factor authentication and joiner-mover-leaver workflows.", 8800, false,
		[]templateLevel{{mAvailability, 3}, {mResolution, 3}}},
	{"Print & Scan Management", "Workplace", "Managed printers and scanners with consumables and on-site repair.", 2100, false,
		[]templateLevel{{mResponse, 1}, {mResolution, 1}}},
	{"Archive Storage", "Backup & Recovery", "Immutable long-term storage for records kept by law.", 1900, false,
		[]templateLevel{{mRPO, 0}, {mRTO, 0}}},
	{"On-prem Exchange Hosting", "Messaging", "Exchange servers in our data centre, kept for customers not yet on Microsoft 365.", 9800, true,
		[]templateLevel{{mAvailability, 1}}},
	{"Legacy File Server Hosting", "Datacentre Operations", "Windows file servers in the old data centre, being migrated to SharePoint.", 2400, true,
		[]templateLevel{{mAvailability, 0}}},
	{"Zero Trust Network Access", "Network & Security", "Identity-aware remote access replacing the VPN concentrators.", 12500, true,
		[]templateLevel{{mAvailability, 3}}},
}

// firstLifecycles are the lifecycles of the first instances of templates
// that are not LIVE, as in the demo catalog.
var firstLifecycles = map[string]alliance.Lifecycle{
	"Legacy File Server Hosting": alliance.Retiring,
	"Zero Trust Network Access":  alliance.Planned,
}

// sites are where services run and clients open offices.
var sites = []string{
	"Amsterdam", "Antwerp", "Barcelona", "Belfast", "Berlin", "Bilbao", "Birmingham", "Bristol",
	"Brussels", "Cardiff", "Copenhagen", "Dublin", "Edinburgh", "Frankfurt", "Geneva", "Glasgow",
	"Gothenburg", "Hamburg", "Helsinki", "Krakow", "Leeds", "Lisbon", "London", "Lyon", "Madrid",
	"Manchester", "Milan", "Munich", "Oslo", "Paris", "Porto", "Prague", "Riga", "Rotterdam",
	"Stockholm", "Tallinn", "Vienna", "Vilnius", "Warsaw", "Zurich",
}

// industry is a client industry with the words its company names end in.
type industry struct {
	name  string
	nouns []string
}

var industries = []industry{
	{"Healthcare", []string{"Health Partners", "Medical Group", "Care Trust", "Clinics", "Hospital Group"}},
	{"Logistics", []string{"Freight & Logistics", "Haulage", "Distribution", "Shipping", "Couriers"}},
	{"Legal", []string{"Law LLP", "Legal", "Solicitors", "Chambers"}},
	{"Retail", []string{"Outfitters", "Stores", "Home & Garden", "Grocers", "Fashion"}},
	{"Manufacturing", []string{"Precision Components", "Engineering", "Plastics", "Foundry", "Motor Works"}},
	{"Utilities", []string{"Water & Power", "Energy", "Gas Networks", "Utilities"}},
	{"Financial services", []string{"Pay", "Capital", "Building Society", "Insurance", "Wealth"}},
	{"Hospitality", []string{"Hotels Group", "Resorts", "Inns", "Restaurants"}},
	{"Education", []string{"Academy Trust", "College", "University", "Schools"}},
	{"Public sector", []string{"District Council", "Housing Association", "Transport Authority"}},
	{"Media", []string{"Media", "Studios", "Publishing"}},
	{"Construction", []string{"Construction", "Builders", "Homes"}},
}

// namePrefixes start company names.
var namePrefixes = []string{
	"Alder", "Amber", "Ashford", "Beacon", "Blackwater", "Bramble", "Brandt", "Cedar", "Clearwater",
	"Cobalt", "Copperfield", "Crestview", "Driftwood", "Eastbrook", "Elmstead", "Fairhaven", "Falcon",
	"Fenwick", "Foxglove", "Granite", "Greystone", "Halcyon", "Harbourside", "Hartley", "Hawthorn",
	"Heron", "Highmoor", "Ironbridge", "Juniper", "Kestrel", "Kingsley", "Lakeside", "Larkspur",
	"Linden", "Lumen", "Marlow", "Meadowbank", "Millbrook", "Northgate", "Northwind", "Oakridge",
	"Orchard", "Osprey", "Pebble", "Pinecrest", "Quarry", "Redwood", "Riverbend", "Rookwood",
	"Saltmarsh", "Sandstone", "Seabright", "Silverline", "Skylark", "Southbank", "Stonebridge",
	"Summit", "Sutton", "Thornbury", "Tidewater", "Timber", "Upland", "Valley", "Vantage",
	"Westbrook", "Whitmore", "Willow", "Windmill", "Wren", "Yarrow",
}

// People: account owners, objective owners, commitment authors.
var (
	firstNames = []string{
		"Maria", "Daniel", "Priya", "Tom", "Sandra", "Ali", "Helen", "Jonas", "Aisha", "Marco",
		"Ingrid", "Kwame", "Sofia", "Liam", "Noor", "Pieter", "Elena", "Rahul", "Chloe", "Mateusz",
		"Fatima", "Oliver", "Yuki", "Grace", "Tariq", "Astrid", "Diego", "Hannah", "Emeka", "Lucia",
	}
	lastNames = []string{
		"Okafor", "Reyes", "Nandakumar", "Baxter", "Vogel", "Demir", "Marsh", "Lindqvist", "Rahman",
		"Bianchi", "Haugen", "Mensah", "Costa", "Byrne", "Haddad", "de Vries", "Petrova", "Sharma",
		"Dubois", "Kowalski", "Aziz", "Whitfield", "Tanaka", "O'Neill", "Farouk", "Berg", "Alvarez",
		"Schultz", "Eze", "Romero",
	}
	roles = []string{
		"Chief Operating Officer", "Chief Financial Officer", "Chief Information Officer", "Head of Operations",
		"Data Protection Officer", "Head of Digital", "IT Director", "Head of Customer Service",
		"Plant Manager", "Head of Compliance",
	}
)

// Words of objective titles.
var (
	audits     = []string{"data protection", "ISO 27001", "SOC 2", "PCI DSS", "NIS2", "cyber insurance"}
	markets    = []string{"Nordic", "Benelux", "Iberian", "DACH", "Baltic", "Irish", "Polish", "Italian"}
	erpMoves   = []string{"payroll and HR", "procurement", "finance", "inventory", "field service"}
	losses     = []string{"orders", "patient records", "bookings", "payments", "claims", "shipments"}
	shifts     = []string{"warehouses", "plants", "contact centres", "depots", "labs"}
	legacy     = []string{"telephony", "file servers", "mail system", "VPN", "intranet", "tape backups"}
	workforces = []string{"clinician", "engineer", "agent", "teacher", "driver", "store manager"}
	launches   = []string{"customer portal", "mobile app", "partner API", "web shop", "loyalty scheme"}
	perUnits   = []string{"employee", "site", "order", "patient", "store"}
	digitised  = []string{"claims handling", "maintenance logs", "patient intake", "invoicing", "onboarding"}
)

// Words of requirement titles: the systems targets are about, and who is
// supported.
var (
	systems = []string{
		"Order system", "Web shop", "ERP", "Electronic health record", "Transport management system",
		"Customer portal", "Payroll", "Point of sale", "Warehouse management system", "Booking engine",
		"Payment gateway", "Email", "File shares", "CRM", "Data warehouse", "Contact-centre telephony",
		"Supplier EDI gateway", "Intranet", "Billing", "Claims platform", "Case management",
		"Learning platform", "SCADA historian", "Mobile app back end", "Document management",
		"Scheduling", "Inventory system", "Trading platform", "Lab information system", "Fleet tracking",
	}
	supported = []string{
		"warehouse scanners and printers", "clinical staff", "store managers", "field engineers",
		"the finance team", "the contact centre", "branch staff", "executives", "night shifts",
		"plant floor terminals", "teachers and pupils", "drivers' handhelds",
	}
	requirementNotes = []string{
		"Agreed in the last renewal.",
		"Sold with the framework contract; see the schedule of services.",
		"The client's auditors ask for monthly evidence.",
		"Raised after last winter's outage.",
		"Named in the client's board risk register.",
	}
	objectiveNotes = []string{
		"On the board's agenda for the coming year.",
		"Funded in this year's budget.",
		"Part of the three-year transformation programme.",
		"Asked for by the client's regulator.",
	}
	commitmentNotes = []string{
		"Shared with the client's other sites.",
		"Priced per unit in the contract.",
		"Until the migration completes.",
		"Confirmed by the service owner.",
	}
)
