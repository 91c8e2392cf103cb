package demo

import "alliance"

// clients is the demo portfolio: seven clients that count (six ACTIVE, one
// PROSPECT) and one CHURNED hotel group, written in this order.
//
// What the coverage rules should show, on purpose (all among clients that have
// not churned unless said otherwise):
//
//   - COVERED: most requirements, e.g. Riverbend "Electronic health record
//     available 99.95%" (Cloud Hosting — Premium). Hartley & Finch "Legacy
//     matter files on the shared drives" is COVERED by Legacy File Server
//     Hosting, a RETIRING service; Hartley & Finch "Seven-year archive of closed
//     matters" also has a commitment to Tape Backup (Legacy), which is RETIRED
//     and ignored (Managed Backup covers it).
//   - PARTIAL: Brandt "Shop-floor PCs patched within 48 hours" (Endpoint
//     Management holds at 60%).
//   - UNDER_DELIVERED: Cobalt Lane "Web shop available 99.9% through peak
//     season" (E-commerce Platform Hosting: designed 99.95, measured 99.20 last
//     month).
//   - OVERPROMISED: Kestrel "24/7 support for warehouse scanners and printers"
//     (support_hours 168 and response_minutes 15, committed only to Service
//     Desk — Office Hours, designed for 45 and 30).
//   - PLANNED (gap PLANNED_ONLY): Lumen Pay "Passwordless remote access for all
//     staff" and Brandt "Supplier remote access through zero trust" (only Zero
//     Trust Network Access, PLANNED).
//   - GAP: Riverbend "Medical devices segmented from the office network"
//     (MUST), Kestrel "Annual disaster recovery test with a written report"
//     (SHOULD), Cobalt Lane "Quarterly external vulnerability scans" (SHOULD),
//     Lumen Pay "Transactions recoverable to five minutes" (MUST; no service is
//     designed for rpo_minutes 5).
//   - EMPTY_OBJECTIVE: Cobalt Lane "Expand into the Nordic market".
//   - ORPHAN_SERVICE: On-prem Exchange Hosting (LIVE, 9,800.00 a month; its only
//     commitment is from Harbourside Hotels Group, which has churned).
//   - OVERSUBSCRIBED: ERP Hosting (capacity 8; Riverbend 2 + Kestrel 3 + Cobalt
//     Lane 2 + Brandt 4 = 11 units; Harbourside's 2 units do not count).
var clients = []clientSpec{riverbend, kestrel, hartleyFinch, cobaltLane, brandt, valleyWater, lumenPay, harbourside}

var riverbend = clientSpec{
	Name: "Riverbend Health Partners", Industry: "Healthcare (regional hospital group)",
	AccountOwner: "Maria Okafor", Status: alliance.Active, ContractValue: money("1240000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Keep clinical systems running around the clock", Priority: must,
			Owner:       "Dr. Helen Marsh, Chief Medical Information Officer",
			Description: "Three hospitals and eleven clinics depend on the EHR, day and night.",
			Requirements: []requirementSpec{
				{Title: "Electronic health record available 99.95%", Priority: must,
					Targets: levels(availability(99.95)), Commitments: []commitmentSpec{{Service: cloudPremium, Units: 2}}},
				{Title: "24/7 clinical IT support with 15-minute response", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(desk247)},
				{Title: "EHR restored within one hour after a site failure", Priority: must,
					Targets: levels(rpoMinutes(15), rtoMinutes(60)), Commitments: to(draas)},
				{Title: "Medical devices segmented from the office network", Priority: must,
					Description: "Infusion pumps and imaging modalities on their own monitored VLANs."},
			},
		},
		{
			Title: "Pass the 2027 data protection audit", Priority: should,
			Owner: "Priya Nandakumar, Data Protection Officer",
			Requirements: []requirementSpec{
				{Title: "Security events monitored 24/7", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(soc)},
				{Title: "Firewall rules managed and reviewed quarterly", Priority: should,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Laptops encrypted and patched", Priority: should, Commitments: to(endpoints)},
			},
		},
		{
			Title: "Move payroll and HR onto the group ERP", Priority: could,
			Owner: "Tom Baxter, Chief Financial Officer",
			Requirements: []requirementSpec{
				{Title: "ERP available 99.5% in business hours", Priority: should,
					Targets: levels(availability(99.5)), Commitments: []commitmentSpec{{Service: erp, Units: 2}}},
				{Title: "Nightly backup of HR records", Priority: should,
					Targets: levels(rpoMinutes(1440)), Commitments: to(backup)},
				{Title: "Finance helpdesk in office hours", Priority: could,
					Targets: levels(supportHours(45), responseMinutes(60)), Commitments: to(deskOfficeHours)},
			},
		},
	},
}

var kestrel = clientSpec{
	Name: "Kestrel Freight & Logistics", Industry: "Logistics",
	AccountOwner: "Daniel Reyes", Status: alliance.Active, ContractValue: money("860000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Cut order-to-cash time by 30%", Priority: must,
			Owner:       "Sandra Vogel, Chief Operating Officer",
			Description: "From 41 days today to under 29 by the end of next year.",
			Requirements: []requirementSpec{
				{Title: "Transport management system available 99.9%", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(cloudPremium)},
				{Title: "Invoices raised in the ERP without re-keying", Priority: should,
					Commitments: []commitmentSpec{{Service: erp, Units: 3, Note: "Three company codes: UK, Netherlands, Poland."}}},
				{Title: "Customer EDI gateway available 99.5%", Priority: should,
					Targets: levels(availability(99.5)), Commitments: to(cloudStandard)},
			},
		},
		{
			Title: "Run the warehouses on three shifts", Priority: must,
			Owner: "Ali Demir, Head of Warehousing",
			Requirements: []requirementSpec{
				{Title: "24/7 support for warehouse scanners and printers", Priority: must,
					Description: "Night shifts lose an hour of picking when a label printer stops.",
					Targets:     levels(supportHours(168), responseMinutes(15)),
					Commitments: []commitmentSpec{{Service: deskOfficeHours,
						Note: "Sold as 24/7 in the 2025 renewal; the contract names the office-hours desk."}}},
				{Title: "Handheld scanners repaired or replaced within a day", Priority: should,
					Targets: levels(resolutionHours(24)), Commitments: to(endpoints)},
				{Title: "Warehouse Wi-Fi and site links available 99.9%", Priority: should,
					Targets: levels(availability(99.9)), Commitments: to(sdwan)},
			},
		},
		{
			Title: "Survive a data-centre outage without losing orders", Priority: should,
			Owner: "Sandra Vogel, Chief Operating Officer",
			Requirements: []requirementSpec{
				{Title: "Orders recoverable to within 15 minutes", Priority: must,
					Targets: levels(rpoMinutes(15), rtoMinutes(240)), Commitments: to(draas)},
				{Title: "Daily backup of the file shares", Priority: could,
					Targets: levels(rpoMinutes(1440)), Commitments: to(backup)},
				{Title: "Annual disaster recovery test with a written report", Priority: should,
					Description: "Asked for by two retail customers in their supplier audits."},
			},
		},
	},
}

var hartleyFinch = clientSpec{
	Name: "Hartley & Finch LLP", Industry: "Legal services",
	AccountOwner: "Olivia Grant", Status: alliance.Active, ContractValue: money("420000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Protect client confidentiality", Priority: must,
			Owner: "James Hartley, Managing Partner",
			Requirements: []requirementSpec{
				{Title: "Office network behind a managed firewall", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Security alerts triaged within 15 minutes, day and night", Priority: should,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(soc)},
				{Title: "Lost laptops wiped remotely", Priority: must, Commitments: to(endpoints)},
			},
		},
		{
			Title: "Keep seven years of matter records", Priority: should,
			Owner: "Rachel Finch, Head of Knowledge",
			Requirements: []requirementSpec{
				{Title: "Seven-year archive of closed matters", Priority: must,
					Targets: levels(rpoMinutes(1440)),
					Commitments: []commitmentSpec{
						{Service: tape, Note: "Historic: the tapes were moved to Managed Backup in 2025."},
						{Service: backup},
					}},
				{Title: "Legacy matter files on the shared drives", Priority: could,
					Targets: levels(availability(98.5)),
					Commitments: []commitmentSpec{{Service: fileServers,
						Note: "Until the move to SharePoint; see the file server retirement plan."}}},
				{Title: "Document management restored within four hours", Priority: should,
					Targets: levels(rpoMinutes(60), rtoMinutes(240)), Commitments: to(draas)},
			},
		},
		{
			Title: "Let lawyers work from anywhere", Priority: should,
			Owner: "James Hartley, Managing Partner",
			Requirements: []requirementSpec{
				{Title: "Microsoft 365 available 99.9%", Priority: should,
					Targets: levels(availability(99.9)), Commitments: to(m365)},
				{Title: "Support for fee earners in office hours", Priority: should,
					Targets: levels(supportHours(45), responseMinutes(30)), Commitments: to(deskOfficeHours)},
				{Title: "New joiners set up on their first day", Priority: could, Commitments: to(endpoints)},
			},
		},
	},
}

var cobaltLane = clientSpec{
	Name: "Cobalt Lane Outfitters", Industry: "Online retail",
	AccountOwner: "Daniel Reyes", Status: alliance.Active, ContractValue: money("690000.00"),
	Objectives: []objectiveSpec{
		{
			Title: "Grow online revenue by 25% through peak season", Priority: must,
			Owner:       "Megan Cole, Head of E-commerce",
			Description: "Black Friday to New Year brings 40% of the year's online revenue.",
			Requirements: []requirementSpec{
				{Title: "Web shop available 99.9% through peak season", Priority: must,
					Targets: levels(availability(99.9)),
					Commitments: []commitmentSpec{{Service: ecommerce,
						Note: "Peak-season promise made in the 2026 renewal."}}},
				{Title: "Checkout incidents answered within 15 minutes, 24/7", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(desk247)},
				{Title: "Order database recoverable to 15 minutes", Priority: should,
					Targets: levels(rpoMinutes(15), rtoMinutes(60)), Commitments: to(draas)},
			},
		},
		{
			Title: "Ship the same day for orders placed before 2 pm", Priority: should,
			Owner: "Luis Ortega, Head of Fulfilment",
			Requirements: []requirementSpec{
				{Title: "Warehouse ERP available 99.5%", Priority: must,
					Targets: levels(availability(99.5)), Commitments: []commitmentSpec{{Service: erp, Units: 2}}},
				{Title: "Label printers and scanners supported during shifts", Priority: should,
					Targets: levels(supportHours(45), responseMinutes(30)), Commitments: to(deskOfficeHours)},
				{Title: "Carrier integrations hosted and monitored", Priority: could, Commitments: to(cloudStandard)},
			},
		},
		{
			Title: "Become PCI DSS compliant", Priority: must,
			Owner: "Megan Cole, Head of E-commerce",
			Requirements: []requirementSpec{
				{Title: "Cardholder network behind a managed firewall", Priority: must,
					Targets: levels(availability(99.9)), Commitments: to(firewall)},
				{Title: "Security monitoring with 15-minute response", Priority: must,
					Targets: levels(supportHours(168), responseMinutes(15)), Commitments: to(soc)},
				{Title: "Quarterly external vulnerability scans", Priority: should,
					Description: "Required by the acquiring bank before the next card volume tier."},
			},
		},
		{
			Title: "Expand into the Nordic market", Priority: could,
			Owner:       "Megan Cole, Head of E-commerce",
			Description: "Workshops with IT are booked for next quarter; no requirements yet.",
		},
	},
}
