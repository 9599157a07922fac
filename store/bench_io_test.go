package store_test

// What each query of the side-by-side benchmarks read, from the kernel's
// per-process counters: rchar is what SQLite asked the OS for (its own page
// cache missed), read_bytes what came from the disk (the OS cache missed
// too, read-ahead included). On a first pass after the OS cache is
// dropped, read_bytes is what a query's time is mostly made of; the
// counters are exact where the times are noisy, so they say why a store
// query is slower than the baseline's on such a pass.

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ioUse is a process's read counters, or their growth over a query.
type ioUse struct{ asked, fromDisk int64 }

func (u ioUse) minus(v ioUse) ioUse { return ioUse{u.asked - v.asked, u.fromDisk - v.fromDisk} }

// ioCounter reads process pid's counters (0: this process's); ok is false
// where they cannot be read (not Linux, or no permission).
func ioCounter(pid int) func() (ioUse, bool) {
	path := "/proc/self/io"
	if pid != 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/io"
	}
	return func() (ioUse, bool) {
		b, err := os.ReadFile(path)
		if err != nil {
			return ioUse{}, false
		}
		return parseProcIO(string(b))
	}
}

// parseProcIO reads rchar and read_bytes from /proc/<pid>/io's text.
func parseProcIO(text string) (ioUse, bool) {
	var u ioUse
	seen := 0
	for _, line := range strings.Split(text, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "rchar":
			u.asked, seen = n, seen+1
		case "read_bytes":
			u.fromDisk, seen = n, seen+1
		}
	}
	return u, seen == 2
}

// ioSummary is a class's reads over every query and run: per query p50,
// and the whole pass's totals.
type ioSummary struct {
	askedP50, diskP50     int64
	askedTotal, diskTotal int64
}

func summarizeIO(runs [][]ioUse) ioSummary {
	var asked, disk []int64
	var s ioSummary
	for _, q := range runs {
		for _, u := range q {
			asked, disk = append(asked, u.asked), append(disk, u.fromDisk)
			s.askedTotal += u.asked
			s.diskTotal += u.fromDisk
		}
	}
	if len(asked) == 0 {
		return s
	}
	slices.Sort(asked)
	slices.Sort(disk)
	s.askedP50, s.diskP50 = asked[len(asked)/2], disk[len(disk)/2]
	return s
}

// logIO writes, per class, what the store's and the baseline's queries
// read; nothing where no counter was read.
func (t *sideTable) logIO(w io.Writer) {
	header := false
	kib := func(n int64) float64 { return float64(n) / 1024 }
	for _, name := range t.order {
		s := t.rows[name]
		st, pl := summarizeIO(s.storeIO), summarizeIO(s.plainIO)
		if st.askedTotal == 0 && pl.askedTotal == 0 {
			continue
		}
		if !header {
			fmt.Fprintf(w, "\nreads per query (KiB; asked = of the OS, disk = the OS cache missed too; p50 per query, then the pass's total):\n")
			fmt.Fprintf(w, "| %-21s | %21s | %21s | %21s | %21s |\n", "class", "store asked p50 / sum", "plain asked p50 / sum", "store disk p50 / sum", "plain disk p50 / sum")
			fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", 5))
			header = true
		}
		fmt.Fprintf(w, "| %-21s | %8.0f / %10.0f | %8.0f / %10.0f | %8.0f / %10.0f | %8.0f / %10.0f |\n", name,
			kib(st.askedP50), kib(st.askedTotal), kib(pl.askedP50), kib(pl.askedTotal),
			kib(st.diskP50), kib(st.diskTotal), kib(pl.diskP50), kib(pl.diskTotal))
	}
}

func TestParseProcIO(t *testing.T) {
	text := "rchar: 6976\nwchar: 0\nsyscr: 10\nsyscw: 0\nread_bytes: 4096\nwrite_bytes: 0\ncancelled_write_bytes: 0\n"
	if u, ok := parseProcIO(text); !ok || u != (ioUse{6976, 4096}) {
		t.Errorf("parseProcIO = %+v, %v; want {6976 4096}, true", u, ok)
	}
	if _, ok := parseProcIO("rchar: 1\n"); ok {
		t.Error("a text without read_bytes was read as whole")
	}
	if u, ok := ioCounter(0)(); ok {
		before := u
		if _, err := os.ReadFile("bench_io_test.go"); err != nil {
			t.Fatal(err)
		}
		if after, _ := ioCounter(0)(); after.minus(before).asked <= 0 {
			t.Errorf("reading a file did not count: %+v then %+v", before, after)
		}
	}
}

// coldStart reports whether DOSSIER_BENCH_COLD=1 asks for a first pass
// from the disk: the research file and the baseline are evicted from the
// OS cache once the query sets are drawn. Drawing them and opening the
// files read pages of both (the baseline's reuse check once read its whole
// text), so dropping the caches before the run did not make a first pass
// cold for both alike.
func coldStart() bool { return os.Getenv("DOSSIER_BENCH_COLD") == "1" }

// evictBoth evicts the files (and their -wal) from the OS cache.
func evictBoth(b *testing.B, paths ...string) {
	b.Helper()
	for _, p := range paths {
		for _, suffix := range []string{"", "-wal"} {
			if err := evictFromOSCache(p + suffix); err != nil {
				b.Fatalf("DOSSIER_BENCH_COLD: %v", err)
			}
		}
	}
}
