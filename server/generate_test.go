package main

import (
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// alliance generate fills an empty database (the URL from the flag or the
// environment), reports progress on stderr and counts on stdout, and
// refuses a database that holds data or a missing or bad --clients.
func TestGenerateCommand(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			out, errOut, err := runCommand(t, []string{"generate", "--clients", "10", "--seed", "3"}, map[string]string{"ALLIANCE_DB": url})
			if err != nil {
				t.Fatalf("generate: %v\n%s", err, errOut)
			}
			for _, want := range []string{
				"generated a synthetic portfolio (seed 3) into ", "\n        10 clients\n", "\n        50 objectives\n",
				"\n       500 requirements (", "\n        20 services (", " commitments\n", "\n      1000 measurements\n", " in all\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range []string{"generate: planning 10 clients (seed 3)\n", "generate: requirements 500/500\n", "generate: measurements 1000/1000\n"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if n := strings.Count(errOut, "generate: commitments "); n > 5 {
				t.Errorf("%d progress lines for commitments, want a few:\n%s", n, errOut)
			}

			_, _, err = runCommand(t, []string{"generate", "--clients", "10", "--db", url}, nil)
			if err == nil || !strings.Contains(err.Error(), "not empty (it holds 10 clients, 20 services, 50 objectives, 500 requirements, ") {
				t.Errorf("second generate: %v", err)
			}
		})
	}
	url := dbtest.URL(t, "sqlite")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "say how many clients, from 1 to 10000"},
		{[]string{"--clients", "0"}, "say how many clients"},
		{[]string{"--clients", "10001"}, "from 1 to 10000"},
		{[]string{"--clients", "ten"}, `invalid value "ten" for flag -clients`},
		{[]string{"--clients", "10", "--seed", "-1"}, `invalid value "-1" for flag -seed`},
	} {
		_, _, err := runCommand(t, append([]string{"generate", "--db", url}, tc.args...), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("generate %v: %v, want an error saying %q", tc.args, err, tc.want)
		}
	}
}
