package demo

import "alliance"

// Names of the services of the demo catalog, as the clients' commitments
// refer to them.
const (
	deskOfficeHours = "Service Desk — Office Hours"
	desk247         = "Service Desk — 24/7"
	backup          = "Managed Backup"
	draas           = "Disaster Recovery as a Service"
	firewall        = "Managed Firewall"
	cloudPremium    = "Cloud Hosting — Premium"
	cloudStandard   = "Cloud Hosting — Standard"
	erp             = "ERP Hosting"
	ecommerce       = "E-commerce Platform Hosting"
	endpoints       = "Endpoint Management"
	soc             = "Security Operations Center"
	m365            = "Microsoft 365 Administration"
	sdwan           = "Managed SD-WAN"
	exchange        = "On-prem Exchange Hosting"
	fileServers     = "Legacy File Server Hosting"
	tape            = "Tape Backup (Legacy)"
	ztna            = "Zero Trust Network Access"
)

// services is the catalog. Measured values are monthly, oldest first; the
// last one is the latest measurement. Retired and planned services have none.
//
// On purpose: E-commerce Platform Hosting is built for 99.95% but measured
// 99.20% last month (a storage outage); ERP Hosting can carry 8 units and is
// committed 11 by clients that have not churned; On-prem Exchange Hosting
// costs 9,800.00 a month and only a churned client used it.
var services = []serviceSpec{
	{
		Name: deskOfficeHours, OwnerTeam: "Service Desk", Lifecycle: alliance.Live,
		Description: "Phone, email and portal support, Monday to Friday 08:00–17:00.",
		MonthlyCost: money("18500.00"), Capacity: capacity(40),
		Levels: []levelSpec{
			{"support_hours", 45, []float64{45, 45, 45, 45, 45, 45}},
			{"response_minutes", 30, []float64{24, 27, 22, 26, 29, 25}},
			{"resolution_hours", 8, []float64{6.5, 7.2, 5.9, 7.8, 6.8, 7.1}},
		},
	},
	{
		Name: desk247, OwnerTeam: "Service Desk", Lifecycle: alliance.Live,
		Description: "Around-the-clock support with an on-call engineer for priority 1 incidents.",
		MonthlyCost: money("42000.00"), Capacity: capacity(20),
		Levels: []levelSpec{
			{"support_hours", 168, []float64{168, 168, 168, 168, 168, 168}},
			{"response_minutes", 15, []float64{11, 12, 13, 10, 12, 11}},
			{"resolution_hours", 4, []float64{3.4, 3.1, 3.8, 3.6, 2.9, 3.3}},
		},
	},
	{
		Name: backup, OwnerTeam: "Backup & Recovery", Lifecycle: alliance.Live,
		Description: "Policy-based backup of servers, databases and Microsoft 365, kept offsite for seven years.",
		MonthlyCost: money("6400.00"),
		Levels: []levelSpec{
			{"rpo_minutes", 240, []float64{195, 210, 180, 225, 200, 190}},
			{"rto_minutes", 480, []float64{300, 360, 420, 330, 390, 345}},
		},
	},
	{
		Name: draas, OwnerTeam: "Backup & Recovery", Lifecycle: alliance.Live,
		Description: "Continuous replication to the secondary data centre with tested failover runbooks.",
		MonthlyCost: money("14500.00"), Capacity: capacity(10),
		Levels: []levelSpec{
			{"rpo_minutes", 15, []float64{6, 8, 5, 9, 7, 6}},
			{"rto_minutes", 60, []float64{42, 48, 39, 51, 45, 44}},
		},
	},
	{
		Name: firewall, OwnerTeam: "Network & Security", Lifecycle: alliance.Live,
		Description: "Next-generation firewalls in high-availability pairs, rule changes and log retention included.",
		MonthlyCost: money("3900.00"), Capacity: capacity(30),
		Levels: []levelSpec{
			{"availability", 99.95, []float64{99.98, 99.99, 99.97, 100, 99.99, 99.98}},
		},
	},
	{
		Name: cloudPremium, OwnerTeam: "Cloud Platform", Lifecycle: alliance.Live,
		Description: "Dedicated virtual infrastructure across two availability zones for critical applications.",
		MonthlyCost: money("27000.00"), Capacity: capacity(12),
		Levels: []levelSpec{
			{"availability", 99.95, []float64{99.97, 99.99, 99.96, 99.98, 99.97, 99.99}},
		},
	},
	{
		Name: cloudStandard, OwnerTeam: "Cloud Platform", Lifecycle: alliance.Live,
		Description: "Shared virtual infrastructure in one zone for business applications.",
		MonthlyCost: money("11000.00"), Capacity: capacity(30),
		Levels: []levelSpec{
			{"availability", 99.5, []float64{99.71, 99.64, 99.82, 99.58, 99.77, 99.69}},
		},
	},
	{
		Name: erp, OwnerTeam: "Business Applications", Lifecycle: alliance.Live,
		Description: "Hosted and patched ERP instances, one unit per production company code.",
		MonthlyCost: money("16000.00"), Capacity: capacity(8),
		Levels: []levelSpec{
			{"availability", 99.9, []float64{99.93, 99.95, 99.91, 99.96, 99.94, 99.92}},
		},
	},
	{
		Name: ecommerce, OwnerTeam: "Cloud Platform", Lifecycle: alliance.Live,
		Description: "Autoscaling web shop platform with CDN and managed database.",
		MonthlyCost: money("19500.00"), Capacity: capacity(4),
		Levels: []levelSpec{
			{"availability", 99.95, []float64{99.97, 99.98, 99.96, 99.97, 99.95, 99.20}},
		},
	},
	{
		Name: endpoints, OwnerTeam: "Workplace", Lifecycle: alliance.Live,
		Description: "Enrolment, encryption, patching and remote wipe of laptops, desktops and handhelds.",
		MonthlyCost: money("8200.00"),
		Levels: []levelSpec{
			{"resolution_hours", 24, []float64{18, 21, 16, 22, 19, 20}},
		},
	},
	{
		Name: soc, OwnerTeam: "Cyber Defence", Lifecycle: alliance.Live,
		Description: "24/7 security monitoring, triage and incident response from our own SOC.",
		MonthlyCost: money("38000.00"), Capacity: capacity(12),
		Levels: []levelSpec{
			{"support_hours", 168, []float64{168, 168, 168, 168, 168, 168}},
			{"response_minutes", 15, []float64{9, 11, 8, 12, 10, 9}},
		},
	},
	{
		Name: m365, OwnerTeam: "Workplace", Lifecycle: alliance.Live,
		Description: "Tenant administration, licences, mail flow and retention policies for Microsoft 365.",
		MonthlyCost: money("5200.00"),
		Levels: []levelSpec{
			{"availability", 99.9, []float64{99.97, 99.95, 99.99, 99.96, 99.98, 99.97}},
		},
	},
	{
		Name: sdwan, OwnerTeam: "Network & Security", Lifecycle: alliance.Live,
		Description: "Managed site links and Wi-Fi with dual carriers at every site.",
		MonthlyCost: money("7600.00"), Capacity: capacity(25),
		Levels: []levelSpec{
			{"availability", 99.9, []float64{99.94, 99.96, 99.92, 99.95, 99.97, 99.93}},
		},
	},
	{
		Name: exchange, OwnerTeam: "Messaging", Lifecycle: alliance.Live,
		Description: "Exchange 2016 servers in our data centre, kept for customers not yet on Microsoft 365.",
		MonthlyCost: money("9800.00"), Capacity: capacity(5),
		Levels: []levelSpec{
			{"availability", 99.5, []float64{99.62, 99.71, 99.55, 99.68, 99.60, 99.66}},
		},
	},
	{
		Name: fileServers, OwnerTeam: "Datacentre Operations", Lifecycle: alliance.Retiring,
		Description: "Windows file servers in the old data centre; being migrated to SharePoint by the end of next year.",
		MonthlyCost: money("2400.00"), Capacity: capacity(10),
		Levels: []levelSpec{
			{"availability", 99.0, []float64{99.31, 99.18, 99.42, 99.27, 99.35, 99.22}},
		},
	},
	{
		Name: tape, OwnerTeam: "Backup & Recovery", Lifecycle: alliance.Retired,
		Description: "LTO tape rotation, switched off after the tapes were migrated to Managed Backup.",
		MonthlyCost: money("0.00"),
		Levels:      []levelSpec{{"rpo_minutes", 1440, nil}},
	},
	{
		Name: ztna, OwnerTeam: "Network & Security", Lifecycle: alliance.Planned,
		Description: "Identity-aware remote access replacing the VPN concentrators; pilot starts next quarter.",
		MonthlyCost: money("12500.00"), Capacity: capacity(15),
		Levels: []levelSpec{{"availability", 99.9, nil}},
	},
}
