package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// httpClient is the harness's client for single requests (checks, counts,
// W1); vegeta has its own for load.
var httpClient = &http.Client{Timeout: 10 * time.Minute}

// allianceTarget is the request that asks Alliance a GraphQL operation.
func allianceTarget(p *process, query string, vars map[string]any) (vegeta.Target, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return vegeta.Target{}, err
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Authorization", "Bearer "+p.token)
	return vegeta.Target{Method: http.MethodPost, URL: p.url + "/graphql", Body: body, Header: h}, nil
}

func floorTarget(p *process, path string) vegeta.Target {
	return vegeta.Target{Method: http.MethodGet, URL: p.url + path}
}

// do sends a target once and returns the body; any status but 200 is an
// error.
func do(t vegeta.Target) ([]byte, time.Duration, error) {
	req, err := t.Request()
	if err != nil {
		return nil, 0, err
	}
	start := time.Now()
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	elapsed := time.Since(start)
	if err != nil {
		return nil, elapsed, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, elapsed, fmt.Errorf("%s %s: status %d: %s", t.Method, t.URL, resp.StatusCode, clip(body))
	}
	return body, elapsed, nil
}

// graphqlData returns the data of a GraphQL answer, or an error naming its
// first error.
func graphqlData(body []byte) (json.RawMessage, error) {
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("not a GraphQL answer: %v: %s", err, clip(body))
	}
	if len(out.Errors) > 0 {
		return nil, fmt.Errorf("GraphQL error: %s", out.Errors[0].Message)
	}
	return out.Data, nil
}

// ask sends a GraphQL operation to Alliance and returns its data.
func ask(p *process, query string, vars map[string]any) (json.RawMessage, time.Duration, error) {
	t, err := allianceTarget(p, query, vars)
	if err != nil {
		return nil, 0, err
	}
	body, elapsed, err := do(t)
	if err != nil {
		return nil, elapsed, err
	}
	data, err := graphqlData(body)
	return data, elapsed, err
}

func clip(b []byte) string {
	s := string(b)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// sameJSON compares two JSON texts as values (objects by key, numbers by
// value) and, when they differ, says where first.
func sameJSON(a, b []byte) (bool, string, error) {
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		return false, "", fmt.Errorf("the first answer is not JSON: %w", err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		return false, "", fmt.Errorf("the second answer is not JSON: %w", err)
	}
	if reflect.DeepEqual(x, y) {
		return true, "", nil
	}
	return false, firstDifference("", x, y), nil
}

func firstDifference(path string, x, y any) string {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: %s against %s", orRoot(path), brief(x), brief(y))
		}
		keys := map[string]bool{}
		for k := range xv {
			keys[k] = true
		}
		for k := range yv {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if !reflect.DeepEqual(xv[k], yv[k]) {
				return firstDifference(path+"."+k, xv[k], yv[k])
			}
		}
	case []any:
		yv, ok := y.([]any)
		if !ok {
			return fmt.Sprintf("%s: %s against %s", orRoot(path), brief(x), brief(y))
		}
		for i := 0; i < len(xv) && i < len(yv); i++ {
			if !reflect.DeepEqual(xv[i], yv[i]) {
				return firstDifference(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i])
			}
		}
		if len(xv) != len(yv) {
			return fmt.Sprintf("%s: %d elements against %d", orRoot(path), len(xv), len(yv))
		}
	}
	return fmt.Sprintf("%s: %s against %s", orRoot(path), brief(x), brief(y))
}

func orRoot(p string) string {
	if p == "" {
		return "the answer"
	}
	return strings.TrimPrefix(p, ".")
}

func brief(v any) string {
	b, _ := json.Marshal(v)
	return clip(b)
}

// sameCSV compares two CSV answers byte for byte and, when they differ,
// says at which line first.
func sameCSV(a, b []byte) (bool, string) {
	if bytes.Equal(a, b) {
		return true, ""
	}
	la, lb := strings.Split(string(a), "\r\n"), strings.Split(string(b), "\r\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return false, fmt.Sprintf("line %d: %q against %q", i+1, la[i], lb[i])
		}
	}
	return false, fmt.Sprintf("%d lines against %d", len(la), len(lb))
}
