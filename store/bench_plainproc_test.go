package store_test

// The plain baseline in a process of its own. The store and the baseline
// share one C heap when they run in one process (modernc's libc has a
// single allocator): how much page cache the store keeps changes how often
// the baseline's pages land on freshly mapped memory, and so its times
// (measured: the baseline's rare-word p50 went from 1.1 to 1.6 ms when the
// store's cache shrank from 32 MB to 2 MB). Run apart, each side pays only
// for its own memory. The parent sends one query at a time and takes the
// time the child measured around the query alone, so the pipe is not timed.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// plainServerEnv names the baseline file a child process serves; set only
// in the children plainProcess starts.
const plainServerEnv = "DOSSIER_BENCH_PLAIN_SERVE"

// plainInProcess reports whether DOSSIER_BENCH_PLAIN=inprocess asks for the
// baseline in the benchmark's own process (the method before 2026-12-01).
func plainInProcess() bool { return os.Getenv("DOSSIER_BENCH_PLAIN") == "inprocess" }

type plainAsk struct {
	Op    string // "page" or "all"
	Query string
	Limit int
	Count bool
}

type plainAnswer struct {
	N   int           // page: the count (-1 when not asked); all: rows read
	Ns  time.Duration // the query's own time, measured in the child
	Err string
}

// servePlain answers plainAsks from r on w until r ends: the child's side.
func servePlain(path string, r io.Reader, w io.Writer) error {
	db, err := openPlain(path)
	if err != nil {
		return err
	}
	defer db.Close()
	p := &plainFTS{db: db, path: path}
	dec, enc := json.NewDecoder(r), json.NewEncoder(w)
	ctx := context.Background()
	for {
		var a plainAsk
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		var ans plainAnswer
		t := time.Now()
		switch a.Op {
		case "page":
			_, ans.N, err = p.page(ctx, a.Query, a.Limit, a.Count)
		case "all":
			ans.N, err = p.rankAll(ctx, a.Query)
		default:
			err = fmt.Errorf("unknown op %q", a.Op)
		}
		ans.Ns = time.Since(t)
		if err != nil {
			ans.Err = err.Error()
		}
		if err := enc.Encode(ans); err != nil {
			return err
		}
	}
}

// plainProc is a running child serving one baseline file.
type plainProc struct {
	mu  sync.Mutex
	cmd *exec.Cmd
	in  io.WriteCloser
	enc *json.Encoder
	dec *json.Decoder
}

var plainProcs struct {
	sync.Mutex
	m map[string]*plainProc // by baseline path
}

// plainProcess returns the child serving p's file, starting it on first use
// (the test binary itself, in serving mode; see TestMain).
func plainProcess(b *testing.B, p *plainFTS) *plainProc {
	b.Helper()
	plainProcs.Lock()
	defer plainProcs.Unlock()
	if pp := plainProcs.m[p.path]; pp != nil {
		return pp
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), plainServerEnv+"="+p.path)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatalf("starting the baseline's process: %v", err)
	}
	pp := &plainProc{cmd: cmd, in: in, enc: json.NewEncoder(in), dec: json.NewDecoder(bufio.NewReader(out))}
	if plainProcs.m == nil {
		plainProcs.m = map[string]*plainProc{}
	}
	plainProcs.m[p.path] = pp
	return pp
}

func (pp *plainProc) ask(a plainAsk) (int, time.Duration, error) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if err := pp.enc.Encode(a); err != nil {
		return 0, 0, fmt.Errorf("baseline process: %w", err)
	}
	var ans plainAnswer
	if err := pp.dec.Decode(&ans); err != nil {
		pp.forget() // out of step or gone: the next ask starts another
		return 0, 0, fmt.Errorf("baseline process: %w", err)
	}
	if ans.Err != "" {
		return 0, 0, fmt.Errorf("baseline process: %s", ans.Err)
	}
	return ans.N, ans.Ns, nil
}

// forget ends the child and drops it from plainProcs.
func (pp *plainProc) forget() {
	plainProcs.Lock()
	defer plainProcs.Unlock()
	for path, p := range plainProcs.m {
		if p == pp {
			delete(plainProcs.m, path)
		}
	}
	pp.in.Close()
	pp.cmd.Process.Kill()
	pp.cmd.Wait()
}

// stopPlainProcesses ends every child (their stdin closes, they return).
func stopPlainProcesses() {
	plainProcs.Lock()
	defer plainProcs.Unlock()
	for _, pp := range plainProcs.m {
		pp.in.Close()
		pp.cmd.Wait()
	}
	plainProcs.m = nil
}

// plainPage is the baseline's first page (the count if count), in its own
// process unless plainInProcess. The duration is the query's own time, or
// 0 for "time the call" (in process).
func plainPage(b *testing.B, p *plainFTS, q string, limit int, count bool) (int, time.Duration, error) {
	if plainInProcess() {
		_, n, err := p.page(context.Background(), q, limit, count)
		return n, 0, err
	}
	return plainProcess(b, p).ask(plainAsk{Op: "page", Query: q, Limit: limit, Count: count})
}

// plainPID is the process p's baseline queries run in: 0 for this one.
func plainPID(b *testing.B, p *plainFTS) int {
	if plainInProcess() {
		return 0
	}
	return plainProcess(b, p).cmd.Process.Pid
}

// plainRankAll is rankAll, placed as plainPage is.
func plainRankAll(b *testing.B, p *plainFTS, q string) (int, time.Duration, error) {
	if plainInProcess() {
		n, err := p.rankAll(context.Background(), q)
		return n, 0, err
	}
	return plainProcess(b, p).ask(plainAsk{Op: "all", Query: q})
}

// plainWhere says where the baseline ran, for the tables' titles.
func plainWhere() string {
	if plainInProcess() {
		return "baseline in this process"
	}
	return "baseline in its own process"
}

// TestPlainProcessAnswersLikeInProcess checks the child's answers against
// the same queries run here, on a small baseline built for the test.
func TestPlainProcessAnswersLikeInProcess(t *testing.T) {
	path := t.TempDir() + "/plain.db"
	rows := []plainRow{{1, "Russian influence campaign"}, {2, "the campaign of Iran"}, {3, "nothing here"}}
	p, err := buildPlain(path, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer p.db.Close()
	pr, pw := io.Pipe()
	var out strings.Builder
	done := make(chan error, 1)
	go func() { done <- servePlain(path, pr, &out) }()
	enc := json.NewEncoder(pw)
	for _, a := range []plainAsk{{"page", "campaign", 50, true}, {"page", "iran", 50, false}, {"all", "campaign OR nothing", 0, false}, {"page", `"unclosed`, 50, true}} {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(out.String()))
	want := []int{2, -1, 3}
	for i, w := range want {
		var ans plainAnswer
		if err := dec.Decode(&ans); err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
		if ans.Err != "" || ans.N != w || ans.Ns <= 0 {
			t.Errorf("answer %d = %+v, want N %d, a time and no error", i, ans, w)
		}
	}
	var bad plainAnswer
	if err := dec.Decode(&bad); err != nil || bad.Err == "" {
		t.Errorf("a malformed query gave %+v (%v), want its error passed back", bad, err)
	}
}
