package demo

import "alliance"

var brandt = clientSpec{
	Name: "Brandt Precision Components", Industry: "Manufacturing",
	AccountOwner: "Maria Okafor", Status: alliance.Active, ContractValue: money("950000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Raise overall equipment effectiveness to 85%", Priority: must,
			Owner:       "Klaus Brandt, Plant Director",
			Description: "OEE is 71% today; unplanned IT downtime costs about two points of it.",
			Requirements: []requirementSpec{
				{Title: "Production ERP and MES available 99.9%", Priority: must,
					Targets: levels(availability(99.9)),
					Commitments: []commitmentSpec{{Service: erp, Units: 4,
						Note: "Four company codes: two plants, sales and the tool shop."}}},
				{Title: "Shop-floor PCs patched within 48 hours", Priority: should,
					Targets: levels(resolutionHours(48)),
					Commitments: []commitmentSpec{{Service: endpoints, Coverage: 60,
						Note: "Office PCs and engineering workstations only; the HMI panels on the OT network are not enrolled yet."}}},
				{Title: "Round-the-clock support for the three-shift operation", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(30)), Commitments: to(desk247)},
			},
		},
		{
			Title: "Pass the ISO 27001 audit", Priority: should,
			Owner: "Eva Lindqvist, Quality Manager",
			Requirements: []requirementSpec{
				{Title: "Perimeter firewall managed and logged", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Backups taken nightly and tested monthly", Priority: should,
					Targets: levels(rpoMinutes(1440)), Commitments: to(backup)},
				{Title: "Security incidents answered within an hour, 24/7", Priority: should,
					Targets: levels(supportHours(168), responseMinutes(60)), Commitments: to(soc)},
				{Title: "Supplier remote access through zero trust", Priority: could,
					Targets: levels(availability(99.9)),
					Commitments: []commitmentSpec{{Service: ztna,
						Note: "Replaces the shared VPN accounts of machine suppliers once the pilot is live."}}},
			},
		},
		{
			Title: "Open the second plant without new IT staff", Priority: should,
			Owner: "Klaus Brandt, Plant Director",
			Requirements: []requirementSpec{
				{Title: "Site-to-site link available 99.9%", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(sdwan)},
				{Title: "Mailboxes and Teams for the new site's staff", Priority: should,
					Commitments: to(m365)},
				{Title: "IT support for the new site in office hours", Priority: could,
					Targets: levels(supportHours(45), responseMinutes(30)), Commitments: to(deskOfficeHours)},
			},
		},
	},
}

var valleyWater = clientSpec{
	Name: "Valley Water & Power", Industry: "Municipal utility",
	AccountOwner: "Daniel Reyes", Status: alliance.Active, ContractValue: money("540000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Keep control-room reporting available", Priority: must,
			Owner: "Grace Whitfield, Operations Director",
			Requirements: []requirementSpec{
				{Title: "Control-room reporting available 99.9%", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(cloudPremium)},
				{Title: "24/7 support for control-room staff", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(desk247)},
				{Title: "OT network monitored for intrusions", Priority: must, Commitments: to(soc)},
			},
		},
		{
			Title: "Replace the billing system by 2027", Priority: should,
			Owner: "Paul Hendricks, Finance Director",
			Requirements: []requirementSpec{
				{Title: "Billing system hosted at 99.5% availability", Priority: should,
					Targets: levels(availability(99.5)), Commitments: to(cloudStandard)},
				{Title: "Customer data backed up every four hours", Priority: should,
					Targets: levels(rpoMinutes(240)), Commitments: to(backup)},
				{Title: "Email kept for ten years", Priority: could, Commitments: to(m365)},
			},
		},
		{
			Title: "Meet the state cyber-security directive", Priority: must,
			Owner: "Grace Whitfield, Operations Director",
			Requirements: []requirementSpec{
				{Title: "Firewalls managed at 99.9% availability", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Staff laptops managed and encrypted", Priority: should, Commitments: to(endpoints)},
				{Title: "Security incidents answered within 30 minutes, 24/7", Priority: should,
					Targets: levels(supportHours(168), responseMinutes(30)), Commitments: to(soc)},
			},
		},
	},
}

var lumenPay = clientSpec{
	Name: "Lumen Pay", Industry: "Financial technology (start-up)",
	AccountOwner: "Olivia Grant", Status: alliance.Prospect, ContractValue: money("360000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Launch the card product by Q2 2027", Priority: must,
			Owner: "Arjun Mehta, Chief Technology Officer",
			Requirements: []requirementSpec{
				{Title: "Payment API available 99.95%", Priority: must,
					Targets: levels(availability(99.95)), Commitments: to(cloudPremium)},
				{Title: "Passwordless remote access for all staff", Priority: should,
					Targets: levels(availability(99.9)), Commitments: to(ztna)},
				{Title: "Transactions recoverable to five minutes", Priority: must,
					Description: "The card scheme expects an RPO of five minutes and an RTO of 30.",
					Targets:     levels(rpoMinutes(5), rtoMinutes(30))},
			},
		},
		{
			Title: "Satisfy the regulator's operational resilience review", Priority: must,
			Owner: "Nina Kowalski, Head of Risk",
			Requirements: []requirementSpec{
				{Title: "Security operations centre with 15-minute response", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(soc)},
				{Title: "Incidents resolved within four hours", Priority: should,
					Targets: levels(resolutionHours(4)), Commitments: to(desk247)},
				{Title: "Core systems failed over within an hour", Priority: should,
					Targets: levels(rtoMinutes(60)), Commitments: to(draas)},
			},
		},
		{
			Title: "Grow the team from 40 to 120 people", Priority: should,
			Owner: "Arjun Mehta, Chief Technology Officer",
			Requirements: []requirementSpec{
				{Title: "New laptops ready on day one", Priority: should, Commitments: to(endpoints)},
				{Title: "Microsoft 365 for every new starter", Priority: should,
					Targets: levels(availability(99.9)), Commitments: to(m365)},
				{Title: "IT support in office hours", Priority: could,
					Targets: levels(supportHours(45), responseMinutes(30)), Commitments: to(deskOfficeHours)},
			},
		},
	},
}

// harbourside has churned: it counts for nothing across the portfolio, which
// is why On-prem Exchange Hosting is an orphan and its ERP units do not count.
var harbourside = clientSpec{
	Name: "Harbourside Hotels Group", Industry: "Hospitality",
	AccountOwner: "Olivia Grant", Status: alliance.Churned, ContractValue: money("310000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Email and bookings in every hotel", Priority: should,
			Owner: "Fiona Walsh, IT Manager",
			Requirements: []requirementSpec{
				{Title: "Staff email on hosted Exchange", Priority: must,
					Targets: levels(availability(99.5)), Commitments: to(exchange)},
				{Title: "Booking system available 99.9%", Priority: must,
					Targets: levels(availability(99.9)), Commitments: []commitmentSpec{{Service: erp, Units: 2}}},
				{Title: "Front-desk support in office hours", Priority: should,
					Targets: levels(supportHours(45), responseMinutes(30)), Commitments: to(deskOfficeHours)},
			},
		},
		{
			Title: "Cut IT cost per room by 20%", Priority: could,
			Owner: "Fiona Walsh, IT Manager",
			Requirements: []requirementSpec{
				{Title: "Nightly backup of property systems", Priority: should,
					Targets: levels(rpoMinutes(1440)), Commitments: to(backup)},
				{Title: "Laptops managed centrally", Priority: could, Commitments: to(endpoints)},
				{Title: "Guest Wi-Fi monitored", Priority: could,
					Targets: levels(availability(99.9)), Commitments: to(sdwan)},
			},
		},
		{
			Title: "Protect card payments at reception", Priority: must,
			Owner: "Fiona Walsh, IT Manager",
			Requirements: []requirementSpec{
				{Title: "Reception network behind a managed firewall", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Security alerts answered within an hour", Priority: should,
					Targets: levels(supportHours(168), responseMinutes(60)), Commitments: to(soc)},
				{Title: "Card terminals' network access reviewed yearly", Priority: could},
			},
		},
	},
}
