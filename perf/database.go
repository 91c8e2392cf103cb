package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"path/filepath"

	_ "github.com/glebarez/go-sqlite" // database/sql driver "sqlite", the one Alliance's gorm driver uses
	_ "github.com/go-sql-driver/mysql"

	"alliance/db"
)

// freshDatabase makes an empty database for the run and returns its URL and
// the function that removes it: an SQLite file in dir, or a database of its
// own name on the MySQL server.
func freshDatabase(ctx context.Context, o *Options, dir string) (string, func() error, error) {
	if o.DB == "sqlite" {
		return "sqlite:" + filepath.Join(dir, "alliance.db"), func() error { return nil }, nil
	}
	target, err := db.ParseURL(o.MySQL, false)
	if err != nil {
		return "", nil, fmt.Errorf("--mysql: %w", err)
	}
	conn, err := sql.Open("mysql", target.DSN)
	if err != nil {
		return "", nil, err
	}
	name := "alliance_perf_" + randomHex(6)
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		conn.Close()
		return "", nil, fmt.Errorf("create database %s on %s: %w", name, db.Redact(o.MySQL), err)
	}
	drop := func() error {
		defer conn.Close()
		_, err := conn.Exec("DROP DATABASE IF EXISTS " + name)
		return err
	}
	u, err := url.Parse(o.MySQL)
	if err != nil {
		drop()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// openSQL opens a database URL of Alliance's form with database/sql, as
// Alliance opens it (the same DSN, so the same SQLite pragmas and MySQL
// settings), with as many connections.
func openSQL(rawURL string) (*sql.DB, string, error) {
	t, err := db.ParseURL(rawURL, true)
	if err != nil {
		return nil, "", err
	}
	driver := "mysql"
	if t.Dialect == db.SQLite {
		driver = "sqlite"
	}
	d, err := sql.Open(driver, t.DSN)
	if err != nil {
		return nil, "", err
	}
	if t.Dialect == db.SQLite {
		d.SetMaxOpenConns(8)
	} else {
		d.SetMaxOpenConns(32)
		d.SetMaxIdleConns(8)
	}
	return d, t.Dialect, d.Ping()
}

// subjects are the rows the queries ask about.
type subjects struct {
	// RandomClient is a client picked by the seed; LargestClient the one
	// with the most requirements.
	RandomClient, LargestClient int64
	// MostCommitted is the service with the most commitments; Near100 the
	// one whose number of commitments is nearest 100 (W1's measurement).
	MostCommitted, Near100    int64
	MostCommittedN, Near100N  int64
	LargestClientRequirements int64
	// NearMetric is a metric Near100 is designed for, and NearClient a
	// client committed to it: W1's measurement and the map that shows it.
	NearMetric string
	NearClient int64
	// WriteRequirement is a requirement of RandomClient, for W1's new
	// commitments.
	WriteRequirement int64
}

// pickSubjects reads the subjects from the generated database.
func pickSubjects(ctx context.Context, d *sql.DB, o *Options) (*subjects, error) {
	s := &subjects{}
	var n int64
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM clients").Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("the database holds no client")
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	if err := d.QueryRowContext(ctx, "SELECT id FROM clients ORDER BY id LIMIT 1 OFFSET ?", r.Int64N(n)).Scan(&s.RandomClient); err != nil {
		return nil, err
	}
	if err := d.QueryRowContext(ctx, `SELECT o.client_id, COUNT(*) FROM requirements r JOIN objectives o ON o.id = r.objective_id
		GROUP BY o.client_id ORDER BY COUNT(*) DESC, o.client_id LIMIT 1`).Scan(&s.LargestClient, &s.LargestClientRequirements); err != nil {
		return nil, err
	}
	rows, err := d.QueryContext(ctx, "SELECT service_id, COUNT(*) FROM commitments GROUP BY service_id ORDER BY service_id")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, c int64
		if err := rows.Scan(&id, &c); err != nil {
			rows.Close()
			return nil, err
		}
		if c > s.MostCommittedN {
			s.MostCommitted, s.MostCommittedN = id, c
		}
		if s.Near100 == 0 || abs(c-100) < abs(s.Near100N-100) {
			s.Near100, s.Near100N = id, c
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if s.MostCommitted == 0 {
		return nil, fmt.Errorf("the database holds no commitment")
	}
	// W1's measurement is on a metric the service is designed for, and
	// read back through the map of a client committed to it.
	if err := d.QueryRowContext(ctx, "SELECT metric_key FROM service_levels WHERE service_id = ? ORDER BY metric_key LIMIT 1", s.Near100).Scan(&s.NearMetric); err != nil {
		return nil, fmt.Errorf("the designed levels of service %d: %w", s.Near100, err)
	}
	if err := d.QueryRowContext(ctx, `SELECT o.client_id FROM commitments c JOIN requirements r ON r.id = c.requirement_id
		JOIN objectives o ON o.id = r.objective_id WHERE c.service_id = ? ORDER BY o.client_id LIMIT 1`, s.Near100).Scan(&s.NearClient); err != nil {
		return nil, err
	}
	// W1's new commitment: a requirement of the random client and a live
	// service it is not committed to yet.
	if err := d.QueryRowContext(ctx, `SELECT r.id FROM requirements r JOIN objectives o ON o.id = r.objective_id
		WHERE o.client_id = ? ORDER BY r.id LIMIT 1`, s.RandomClient).Scan(&s.WriteRequirement); err != nil {
		return nil, fmt.Errorf("a requirement of client %d: %w", s.RandomClient, err)
	}
	return s, nil
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
