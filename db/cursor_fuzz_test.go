package db

import (
	"errors"
	"testing"

	"alliance"
)

// FuzzDecodeCursor gives decodeCursor any text: it reads a cursor made by
// encodeCursor back to the same key, and refuses anything else with
// BAD_USER_INPUT on "after"; never a panic.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor("clients", "acme", int64(7)), "acme", int64(7))
	f.Add(encodeCursor("services", "desk", int64(1)), "", int64(0))
	f.Add("", "x", int64(-1))
	f.Add("WyJjbGllbnRzIl0", "é", int64(1<<62))
	f.Add("W10", "\x00", int64(0))
	f.Add("!!!", "a", int64(1))
	f.Fuzz(func(t *testing.T, cursor, name string, id int64) {
		var s string
		var n int64
		if err := decodeCursor(cursor, "clients", &s, &n); err != nil {
			var e *alliance.Error
			if !errors.As(err, &e) || e.Code != alliance.EINVALID || e.Field != "after" {
				t.Fatalf("%q: %v", cursor, err)
			}
		}
		c := encodeCursor("clients", name, id)
		s, n = "", 0
		if err := decodeCursor(c, "clients", &s, &n); err != nil || n != id || (s != name && validUTF8(name)) {
			t.Fatalf("%q, %d: encoded %q, decoded %q, %d, %v", name, id, c, s, n, err)
		}
		if err := decodeCursor(c, "services", &s, &n); err == nil {
			t.Fatalf("a cursor of clients read as one of services: %q", c)
		}
	})
}

// validUTF8 reports whether s survives JSON unchanged.
func validUTF8(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' {
			return false
		}
	}
	return true
}
