package main

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// writeFiles writes CSV files into a new folder and returns their paths.
func writeFiles(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// alliance import: a dry run writes nothing, the import writes, a second
// one changes nothing, and a file with a problem exits non-zero naming it.
func TestImportCommand(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	good := writeFiles(t, map[string]string{"clients.csv": "name,status\nAcme,ACTIVE\nBeta,PROSPECT\n"})
	out, _, err := runCommand(t, append([]string{"import", "--dry-run", "--db", url}, good...), nil)
	if err != nil || !strings.Contains(out, "dry run; nothing was written") || !strings.Contains(out, "2 would be created") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, _, err = runCommand(t, append([]string{"import"}, append(good, "--db", url)...), nil)
	if err != nil || !strings.Contains(out, ": imported") || !strings.Contains(out, "clients.csv: 2 rows; 2 created") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, _, err = runCommand(t, append([]string{"import", "--db", url}, good...), nil)
	if err != nil || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") {
		t.Fatalf("again: %v\n%s", err, out)
	}
	bad := writeFiles(t, map[string]string{"clients.csv": "name,status\nAcme,GONE\n"})
	out, _, err = runCommand(t, append([]string{"import", "--db", url}, bad...), nil)
	if err == nil || !strings.Contains(err.Error(), "1 problems") ||
		!strings.Contains(out, `problem: clients.csv, row 2, column status: unknown status "GONE"`) {
		t.Fatalf("bad file: %v\n%s", err, out)
	}
	tpl := filepath.Join(t.TempDir(), "t.xlsx")
	out, _, err = runCommand(t, []string{"import", "--template", tpl, "--db", url}, nil)
	if b, rerr := os.ReadFile(tpl); err != nil || rerr != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("template: %v %v\n%s", err, rerr, out)
	}
}

// upload posts files to /api/import as multipart/form-data.
func upload(t *testing.T, url, query string, header map[string]string, files map[string]string) httpResult {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, content := range files {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	return request(t, "POST", url+"/api/import"+query, mw.FormDataContentType(), body.String(), header)
}

// POST /api/import: a dry run by default, the import with dryRun=false,
// for editors only; GET /api/import/template gives the workbook.
func TestImportEndpoint(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite)}, nil)
	files := map[string]string{"clients.csv": "name,industry\nAcme,Retail\n"}
	var report struct {
		ID       string
		DryRun   bool
		Applied  bool
		Changes  []struct{ Action, Key string }
		Problems []struct {
			Sheet, Column, Message string
			Row                    int
		}
	}
	res := upload(t, s.url, "", admin, files)
	if err := json.Unmarshal([]byte(res.body), &report); res.status != http.StatusOK || err != nil || !report.DryRun || report.Applied ||
		len(report.Changes) != 1 || report.Changes[0].Key != "Acme" {
		t.Fatalf("dry run: %d %s", res.status, res.body)
	}
	res = upload(t, s.url, "?dryRun=false", admin, files)
	if err := json.Unmarshal([]byte(res.body), &report); err != nil || !report.Applied {
		t.Fatalf("import: %d %s", res.status, res.body)
	}
	if r := postQuery(t, s.url, `{ clients(first: 5) { nodes { name industry } } }`, nil); !strings.Contains(string(r.Data["clients"]), `"industry":"Retail"`) {
		t.Fatalf("clients after the import: %s", r.Data["clients"])
	}
	res = upload(t, s.url, "?dryRun=false", admin, map[string]string{"clients.csv": "name,status\nAcme,LOST\n"})
	json.Unmarshal([]byte(res.body), &report)
	if report.Applied || len(report.Problems) != 1 || report.Problems[0].Row != 2 || report.Problems[0].Column != "status" {
		t.Fatalf("bad file: %s", res.body)
	}
	viewer := rpCreateToken(t, s, "reader", "VIEWER", "")
	if res := upload(t, s.url, "", rpBearer(viewer), files); res.status != http.StatusForbidden {
		t.Fatalf("a viewer's upload: %d %s", res.status, res.body)
	}
	if res := upload(t, s.url, "?dryRun=maybe", admin, files); res.status != http.StatusBadRequest || !strings.Contains(res.body, "dryRun must be true or false") {
		t.Fatalf("bad flag: %d %s", res.status, res.body)
	}
	res = request(t, "GET", s.url+"/api/import/template", "", "", rpBearer(viewer))
	if res.status != http.StatusOK || !strings.HasPrefix(res.body, "PK") || !strings.Contains(res.header.Get("Content-Disposition"), "alliance-import-template.xlsx") {
		t.Fatalf("template: %d %v", res.status, res.header)
	}
}
