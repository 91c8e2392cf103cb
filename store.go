package alliance

// Store is everything the API needs from the system of record. Package db
// implements it over SQLite and MySQL/MariaDB.
type Store interface {
	ClientService
	ObjectiveService
	RequirementService
	ServiceService
	CommitmentService
	MeasurementService
	MetricService
	AuditService
	TokenService
	UserService
	ReportService
	ReviewService
	MeasurementSourceService
	EvidenceService
}
