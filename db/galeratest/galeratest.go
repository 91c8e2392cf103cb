// Package galeratest starts a private MariaDB Galera cluster for tests: its
// own data directories under the test's temporary folder and its own ports on
// 127.0.0.1, never the shared server on 3306. It needs Debian's mariadb-server,
// galera-4 and mariadb-backup (state transfers are made by mariabackup: rsync
// fails as root); without them the test is skipped with a message, unless
// ALLIANCE_REQUIRE_GALERA=1, which makes it fail.
package galeratest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // the MySQL driver, to watch the nodes
)

// Provider is the Galera library Debian's galera-4 installs.
const Provider = "/usr/lib/galera/libgalera_smm.so"

// Cluster is a running cluster. Start makes it; it is stopped when the test
// ends.
type Cluster struct {
	Nodes []*Node
	t     testing.TB
	dir   string
	peers string // gcomm://...
}

// Node is one mariadbd of the cluster, with its own ports: Port for
// clients, and Galera's group (gcomm), incremental (IST) and snapshot (SST)
// state transfer ports, each its own (two nodes on one host cannot share
// them).
type Node struct {
	Name                         string
	Port, Gcomm, IST, SST        int
	Dir                          string
	c                            *Cluster
	mu                           sync.Mutex
	cmd                          *exec.Cmd
	exited                       chan struct{}
	sstUser                      string
	started, killed, resynced    time.Time
	startPosition, recoverOutput string
	// logOffset is where the error log stood when the node last started.
	logOffset int64
}

// missing returns what the cluster needs that this machine lacks.
func missing() []string {
	var lack []string
	for _, bin := range []string{"mariadbd", "mariadb-install-db", "mariabackup", "socat"} {
		if _, err := exec.LookPath(bin); err != nil {
			lack = append(lack, bin)
		}
	}
	if _, err := os.Stat(Provider); err != nil {
		lack = append(lack, Provider+" (galera-4)")
	}
	return lack
}

// Available reports whether a cluster can be started here.
func Available() bool { return len(missing()) == 0 }

// Start starts a cluster of n nodes and waits until every one is synced:
// the first bootstraps it (--wsrep-new-cluster), the others join it one
// after another by a snapshot transfer (mariabackup).
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	if lack := missing(); len(lack) > 0 {
		msg := fmt.Sprintf("a Galera cluster needs %s (apt-get install -y mariadb-server galera-4 mariadb-backup socat)", strings.Join(lack, ", "))
		if os.Getenv("ALLIANCE_REQUIRE_GALERA") == "1" {
			t.Fatalf("%s; ALLIANCE_REQUIRE_GALERA=1 makes this a failure", msg)
		}
		t.Skip("skipping: " + msg)
	}
	// A short folder: Unix socket paths are limited to 108 bytes.
	dir, err := os.MkdirTemp("", "galera")
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{t: t, dir: dir}
	t.Cleanup(func() {
		c.Stop()
		if !t.Failed() {
			os.RemoveAll(dir)
		} else {
			t.Logf("the cluster's data directories and logs are kept in %s", dir)
		}
	})
	ports := freePorts(t, 4*n)
	var peers []string
	for i := range n {
		node := &Node{Name: fmt.Sprintf("node%d", i+1), Port: ports[4*i], Gcomm: ports[4*i+1], IST: ports[4*i+2], SST: ports[4*i+3],
			Dir: filepath.Join(dir, fmt.Sprintf("node%d", i+1)), c: c}
		c.Nodes = append(c.Nodes, node)
		peers = append(peers, fmt.Sprintf("127.0.0.1:%d", node.Gcomm))
	}
	c.peers = "gcomm://" + strings.Join(peers, ",")

	// One installation, copied: each joiner's data is replaced by the
	// snapshot it receives anyway.
	first := c.Nodes[0]
	install := exec.Command("mariadb-install-db", "--no-defaults", "--user=root", "--datadir="+first.Dir,
		"--auth-root-authentication-method=normal", "--skip-test-db")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	for _, node := range c.Nodes[1:] {
		if out, err := exec.Command("cp", "-a", first.Dir, node.Dir).CombinedOutput(); err != nil {
			t.Fatalf("copy the data directory: %v\n%s", err, out)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for i, node := range c.Nodes {
		extra := []string{}
		if i == 0 {
			extra = append(extra, "--wsrep-new-cluster")
		}
		if err := node.start(extra...); err != nil {
			t.Fatal(err)
		}
		if err := node.WaitSynced(ctx); err != nil {
			t.Fatalf("%s: %v\n%s", node.Name, err, node.LogTail(30))
		}
	}
	return c
}

// URL is the Alliance database URL of database on the node.
func (n *Node) URL(database string) string {
	return fmt.Sprintf("mysql://root@127.0.0.1:%d/%s", n.Port, database)
}

func (n *Node) args(extra ...string) []string {
	return append([]string{
		"--no-defaults", "--user=root",
		"--datadir=" + n.Dir,
		fmt.Sprintf("--port=%d", n.Port), "--bind-address=127.0.0.1",
		"--socket=" + n.Dir + ".sock", "--pid-file=" + n.Dir + ".pid", "--log-error=" + n.Dir + ".err",
		"--skip-name-resolve", "--max-connections=300",
		"--wsrep-on=ON", "--wsrep-provider=" + Provider,
		"--wsrep-cluster-name=alliance_test", "--wsrep-cluster-address=" + n.c.peers,
		"--wsrep-node-name=" + n.Name,
		fmt.Sprintf("--wsrep-node-address=127.0.0.1:%d", n.Gcomm),
		fmt.Sprintf("--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:%d;ist.recv_addr=127.0.0.1:%d", n.Gcomm, n.IST),
		fmt.Sprintf("--wsrep-sst-receive-address=127.0.0.1:%d", n.SST),
		"--wsrep-sst-method=mariabackup", "--wsrep-sst-auth=root:",
		"--binlog-format=ROW", "--innodb-autoinc-lock-mode=2", "--default-storage-engine=InnoDB",
	}, extra...)
}

// start starts the node's mariadbd; it does not wait for it.
func (n *Node) start(extra ...string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.logOffset = 0
	if st, err := os.Stat(n.Dir + ".err"); err == nil {
		n.logOffset = st.Size()
	}
	cmd := exec.Command("mariadbd", n.args(extra...)...)
	out, err := os.OpenFile(n.Dir+".out", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = out, out
	// The server dies with the test binary, never outlives it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		out.Close()
		return fmt.Errorf("start %s: %w", n.Name, err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		out.Close()
		close(exited)
	}()
	n.cmd, n.exited, n.started = cmd, exited, time.Now()
	return nil
}

// WaitSynced waits until the node answers and is synced with the cluster.
func (n *Node) WaitSynced(ctx context.Context) error {
	conn, err := sql.Open("mysql", fmt.Sprintf("root@tcp(127.0.0.1:%d)/?timeout=1s", n.Port))
	if err != nil {
		return err
	}
	defer conn.Close()
	var last error
	for {
		n.mu.Lock()
		exited := n.exited
		n.mu.Unlock()
		select {
		case <-exited:
			return fmt.Errorf("%s exited while starting", n.Name)
		case <-ctx.Done():
			return fmt.Errorf("%s not synced: %w (last: %v)", n.Name, ctx.Err(), last)
		case <-time.After(200 * time.Millisecond):
		}
		var name, state string
		if last = conn.QueryRowContext(ctx, "SHOW STATUS LIKE 'wsrep_local_state_comment'").Scan(&name, &state); last == nil && state == "Synced" {
			return nil
		} else if last == nil {
			last = fmt.Errorf("state %s", state)
		}
	}
}

// Kill kills the node with SIGKILL, as a crash would, and waits for it to
// be gone.
func (n *Node) Kill() {
	n.mu.Lock()
	cmd, exited := n.cmd, n.exited
	n.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	n.killed = time.Now()
}

var recovered = regexp.MustCompile(`WSREP: Recovered position: ([0-9a-f-]+:-?[0-9]+)`)

// Rejoin brings a killed node back: mariadbd --wsrep-recover first reads
// the last position the node committed from its storage (a node killed with
// kill -9 has none in grastate.dat, and without it would ask for a whole
// snapshot), then the node starts from that position and receives only the
// writes it missed (IST). It returns once the node is synced.
func (n *Node) Rejoin(ctx context.Context) error {
	logFile := n.Dir + ".recover.err"
	os.Remove(logFile)
	args := n.args("--wsrep-recover")
	for i, a := range args {
		if strings.HasPrefix(a, "--log-error=") {
			args[i] = "--log-error=" + logFile
		}
	}
	if out, err := exec.CommandContext(ctx, "mariadbd", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: mariadbd --wsrep-recover: %v\n%s", n.Name, err, out)
	}
	b, _ := os.ReadFile(logFile)
	n.recoverOutput = string(b)
	m := recovered.FindStringSubmatch(string(b))
	if m == nil {
		return fmt.Errorf("%s: mariadbd --wsrep-recover found no position:\n%s", n.Name, b)
	}
	n.startPosition = m[1]
	if err := n.start("--wsrep-start-position=" + m[1]); err != nil {
		return err
	}
	if err := n.WaitSynced(ctx); err != nil {
		return fmt.Errorf("%v\n%s", err, n.LogTail(30))
	}
	n.resynced = time.Now()
	return nil
}

// StartPosition is the position the last Rejoin started from.
func (n *Node) StartPosition() string { return n.startPosition }

// ReceivedByIST says whether the node's last start received the writes it
// missed by an incremental transfer (IST) rather than a whole snapshot
// (SST), as its log tells.
func (n *Node) ReceivedByIST() bool {
	b, _ := os.ReadFile(n.Dir + ".err")
	log := string(b[min(n.logOffset, int64(len(b))):])
	return strings.Contains(log, "IST completed on joiner") && !strings.Contains(log, "SST completed on joiner")
}

// LogTail returns the last lines of the node's error log.
func (n *Node) LogTail(lines int) string {
	f, err := os.Open(n.Dir + ".err")
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var all []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		all = append(all, sc.Text())
	}
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

// Stop stops every node: SIGTERM, then SIGKILL after 30 s.
func (c *Cluster) Stop() {
	var wg sync.WaitGroup
	for _, n := range c.Nodes {
		n.mu.Lock()
		cmd, exited := n.cmd, n.exited
		n.mu.Unlock()
		if cmd == nil {
			continue
		}
		select {
		case <-exited:
			continue
		default:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
			}
		}()
	}
	wg.Wait()
}

// Exec runs a statement on the node as root (outside any Alliance database
// unless the statement names one).
func (n *Node) Exec(ctx context.Context, query string) error {
	conn, err := n.Open("")
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, query)
	return err
}

// Open opens a plain connection pool to database on the node, for the test
// to look at what the node holds.
func (n *Node) Open(database string) (*sql.DB, error) {
	return sql.Open("mysql", fmt.Sprintf("root@tcp(127.0.0.1:%d)/%s?timeout=2s&parseTime=true", n.Port, database))
}

// freePorts returns n ports free on 127.0.0.1 now.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ls []net.Listener
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}
