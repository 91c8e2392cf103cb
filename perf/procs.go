package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// buildAlliance compiles the server (./server of the module perf is run
// from) into dir and returns the binary's path.
func buildAlliance(ctx context.Context, dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "alliance")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./server")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./server: %v\n%s", err, out)
	}
	return bin, nil
}

// moduleRoot finds the folder of go.mod from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory: run perf from the Alliance module")
		}
		dir = parent
	}
}

// generate runs `alliance generate` into the database at url.
func generate(ctx context.Context, bin, url string, clients int, seed uint64, log io.Writer) error {
	cmd := exec.CommandContext(ctx, bin, "generate", "--clients", strconv.Itoa(clients), "--seed", strconv.FormatUint(seed, 10), "--db", url, "--log-level", "warn")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("alliance generate: %v\n%s", err, out)
	}
	fmt.Fprintf(log, "%s", lastLines(string(out), 8))
	return nil
}

// cleanEnv is the environment of the processes the harness starts: its own,
// without ALLIANCE_ settings that would change what is measured.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ALLIANCE_") {
			out = append(out, kv)
		}
	}
	return out
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n") + "\n"
}

// process is a server the harness started: Alliance or the floor.
type process struct {
	name  string
	url   string
	token string // the bearer token it accepts ("" for the floor)
	cmd   *exec.Cmd
	done  chan error
	log   *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startProcess starts bin with args and waits until it prints the line that
// says where it listens (matched by at, whose first group is the URL) and
// answers ready on GET url+ready. Its standard error goes to also as well,
// when given.
func startProcess(ctx context.Context, name, bin string, args, env []string, at *regexp.Regexp, ready string, also ...io.Writer) (*process, error) {
	p := &process{name: name, cmd: exec.Command(bin, args...), done: make(chan error, 1), log: &lockedBuffer{}}
	p.cmd.Env = append(cleanEnv(), env...)
	p.cmd.Stderr = p.log
	if len(also) > 0 && also[0] != nil {
		p.cmd.Stderr = io.MultiWriter(p.log, also[0])
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			fmt.Fprintln(p.log, sc.Text())
			if m := at.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case urls <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { p.done <- p.cmd.Wait() }()
	deadline := time.After(60 * time.Second)
	select {
	case p.url = <-urls:
	case err := <-p.done:
		return nil, fmt.Errorf("%s stopped before it listened: %v\n%s", name, err, lastLines(p.log.String(), 20))
	case <-deadline:
		p.stop()
		return nil, fmt.Errorf("%s did not say where it listens within a minute\n%s", name, lastLines(p.log.String(), 20))
	case <-ctx.Done():
		p.stop()
		return nil, ctx.Err()
	}
	for {
		resp, err := http.Get(p.url + ready)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		select {
		case <-deadline:
			p.stop()
			return nil, fmt.Errorf("%s never answered %s: %v", name, ready, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// stop ends the process with SIGTERM (SIGKILL after 20 seconds).
func (p *process) stop() error {
	if p.cmd.Process == nil {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		p.done <- err
		return nil
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		return fmt.Errorf("%s did not stop within 20s of SIGTERM", p.name)
	}
}

// alive reports an error when the process has stopped.
func (p *process) alive() error {
	select {
	case err := <-p.done:
		p.done <- err
		return fmt.Errorf("%s stopped: %v\n%s", p.name, err, lastLines(p.log.String(), 20))
	default:
		return nil
	}
}

var allianceAt = regexp.MustCompile(`Alliance is running at (http://[^/ ]+)/`)

// startAlliance starts `alliance serve` on a loopback port over url, with
// secret as its bootstrap admin token (every server over one database must
// be given the same), the statement count served, and limits that never
// refuse the harness's load (the rate limit is per token, and the harness is
// one token; expensive operations, such as the largest map, would take turns
// and be refused after their wait at concurrency 16 on a busy machine: the
// turns are measured by perf flood, not here).
//
// extra are more flags for serve (--loader-wait).
func startAlliance(ctx context.Context, bin, url, secret string, extra ...string) (*process, error) {
	p, err := startProcess(ctx, "alliance", bin,
		append([]string{"serve", "--addr", "127.0.0.1:0", "--db", url, "--debug-stats", "--log-level", "warn",
			"--rate-limit", "1e15", "--max-query-cost", "1000000000", "--expensive-cost", "1000000000",
			"--max-concurrent", "1000"}, extra...),
		[]string{"ALLIANCE_BOOTSTRAP_TOKEN=" + secret}, allianceAt, "/readyz")
	if err != nil {
		return nil, err
	}
	p.token = secret
	return p, nil
}

var floorAt = regexp.MustCompile(`floor listening at (http://\S+)`)

// startFloor starts this program as `perf floor` over url.
func startFloor(ctx context.Context, url string) (*process, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return startProcess(ctx, "floor", self, []string{"floor", "--db", url, "--addr", "127.0.0.1:0"}, nil, floorAt, "/healthz")
}

// statements reads the process's count of SQL statements from /debug/stats.
func (p *process) statements() (int64, error) {
	resp, err := http.Get(p.url + "/debug/stats")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct{ Statements *int64 }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Statements == nil || resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s /debug/stats: status %d, %v", p.name, resp.StatusCode, err)
	}
	return *out.Statements, nil
}

// usage is what Linux says a process has used.
type usage struct {
	// CPU is user and system time.
	CPU time.Duration
	// RSS is the resident memory now and HWM its peak, in bytes.
	RSS, HWM int64
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// usageOf reads /proc/PID/stat and /proc/PID/status.
func usageOf(pid int) (usage, error) {
	var u usage
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return u, err
	}
	// The command name may hold spaces: fields count from after its ")".
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return u, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	u.CPU = time.Duration(utime+stime) * time.Second / clockTicks
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return u, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		switch key {
		case "VmRSS":
			u.RSS = kb * 1024
		case "VmHWM":
			u.HWM = kb * 1024
		}
	}
	return u, nil
}

func (p *process) usage() usage {
	u, _ := usageOf(p.cmd.Process.Pid)
	return u
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
