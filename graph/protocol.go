package graph

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"alliance"
)

// codeProtocolErrors gives an extensions.code to the errors that gqlgen's
// transports answer on their own (a mutation sent by GET, a body that is not
// JSON, a content type no transport takes), so that every error of the API
// carries one. Only answers with an error status are rewritten.
func codeProtocolErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &codingWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		cw.finish(r)
	})
}

type codingWriter struct {
	http.ResponseWriter
	status int
	buf    *bytes.Buffer // set once an error status is written
}

func (w *codingWriter) WriteHeader(status int) {
	w.status = status
	if status >= 400 {
		w.buf = &bytes.Buffer{}
		return
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *codingWriter) Write(b []byte) (int, error) {
	if w.buf != nil {
		return w.buf.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *codingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *codingWriter) finish(r *http.Request) {
	if w.buf == nil {
		return
	}
	var body struct {
		Errors []map[string]any `json:"errors"`
		Data   any              `json:"data"`
	}
	if err := json.Unmarshal(w.buf.Bytes(), &body); err == nil && len(body.Errors) > 0 {
		for _, e := range body.Errors {
			ext, _ := e["extensions"].(map[string]any)
			if ext == nil {
				ext = map[string]any{}
				e["extensions"] = ext
			}
			if _, ok := ext["code"]; !ok {
				ext["code"] = alliance.EINVALID
				alliance.NoteFrom(r.Context()).Code(alliance.EINVALID)
				e["message"] = explain(r, w.status, e["message"])
			}
		}
		if b, err := json.Marshal(body); err == nil {
			w.buf = bytes.NewBuffer(b)
		}
	}
	w.Header().Set("Content-Length", strconv.Itoa(w.buf.Len()))
	w.ResponseWriter.WriteHeader(w.status)
	w.ResponseWriter.Write(w.buf.Bytes())
}

// explain rewrites gqlgen's terse protocol messages into ones that say what
// to do.
func explain(r *http.Request, status int, msg any) any {
	s, _ := msg.(string)
	switch {
	case status == http.StatusNotAcceptable && r.Method == http.MethodGet:
		return "GET runs queries only; send mutations with POST"
	case strings.Contains(s, "transport not supported"):
		return "send the operation as POST with Content-Type: application/json, or as GET with ?query="
	case strings.Contains(s, "could not be decoded"):
		// gqlgen appends the whole body to this message: leave it out.
		s, _, _ = strings.Cut(s, " body:")
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(s, " {}"), "json request body could not be decoded:"))
		return "the request body is not one JSON object {\"query\": ..., \"variables\": ...}: " + inOurWords(s)
	}
	if s != "" {
		return inOurWords(s)
	}
	return msg
}

// goTypeError is encoding/json's account of a value of the wrong kind,
// which names Go types.
var goTypeError = regexp.MustCompile(`(?:json: )?cannot unmarshal (\w+) into Go (?:struct field \w+\.([\w.]+)|value) of type (\S+)`)

// inOurWords says what a JSON decoding error means in the API's terms: the
// member that has the wrong kind of value and the kind it takes, without Go's
// type names.
func inOurWords(s string) string {
	m := goTypeError.FindStringSubmatchIndex(s)
	if m == nil {
		return strings.TrimPrefix(s, "json: ")
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	got, member, want := sub(1), sub(2), sub(3)
	kinds := map[string]string{"string": "a string", "number": "a number", "bool": "a boolean", "array": "a list", "object": "an object"}
	wantWords := "a " + want
	switch {
	case want == "string":
		wantWords = "a string"
	case strings.HasPrefix(want, "map["):
		wantWords = "an object"
	case strings.HasPrefix(want, "[]"):
		wantWords = "a list"
	case strings.HasPrefix(want, "int") || strings.HasPrefix(want, "float"):
		wantWords = "a number"
	case want == "bool":
		wantWords = "true or false"
	case strings.Contains(want, "."):
		wantWords = "an object" // a struct: the request itself
	}
	gotWords := kinds[got]
	if gotWords == "" {
		gotWords = got
	}
	where := "the value"
	if member != "" {
		where = strconv.Quote(strings.ToLower(member[:1]) + member[1:])
	}
	return s[:m[0]] + where + " must be " + wantWords + ", not " + gotWords + s[m[1]:]
}
