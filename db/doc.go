// Package db is the system of record of Alliance: gorm over an embedded
// SQLite file (the default) or MySQL/MariaDB, versioned migrations, and the
// queries behind every service of package alliance.
//
// A DB is opened from a URL (see Open), migrated (see DB.Migrate) and then
// used through its methods, which implement alliance.Store. Every write runs
// in one transaction together with its audit record.
package db
