package ingest

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestPDFKilledMidCallEndsAndGivesItsMemoryBack: a PDF stopped at its time
// limit is killed wherever it is, often inside a call into PDFium. The kill
// used to give the instance's memory back (zeroed) under that call, which
// then read nothing but zeros and could loop for ever; compiled
// WebAssembly cannot be preempted, so the next garbage collection stopped
// the whole process (CI's store/ingest hung 22 minutes in TestPDFTimeout;
// here the 2nd of these kills hung it). Kills at random points, a
// collection after each, then every read ends and every memory is given
// back, and the next PDF reads normally.
func TestPDFKilledMidCallEndsAndGivesItsMemoryBack(t *testing.T) {
	if _, err := pdfPool(); err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	data := bookPDF(40)
	old := pdfTimeout
	t.Cleanup(func() { pdfTimeout = old })
	stopped := 0
	for range 150 {
		// 20 µs to 3 ms: from the document's loading to its pages'
		// character boxes.
		pdfTimeout = time.Duration(20+rng.IntN(3000)) * time.Microsecond
		_, err := Parse("slow.pdf", data)
		if err != nil {
			if !strings.Contains(err.Error(), "took too long") {
				t.Fatalf("stopped file: %v", err)
			}
			stopped++
		}
		runtime.GC()
	}
	pdfTimeout = old
	if stopped == 0 {
		t.Fatal("no read was stopped: the test tried nothing")
	}
	pdfCalls.Wait()
	if n := pdfMemoriesHeld.Load(); n != 0 {
		t.Errorf("%d instances' memory not given back after their reads ended", n)
	}
	if _, err := Parse("report.pdf", readFixture(t, "report.pdf")); err != nil {
		t.Fatalf("after the kills: %v", err)
	}
	if n := pdfMemoriesHeld.Load(); n != 0 {
		t.Errorf("%d instances' memory held after a normal read", n)
	}
}

// TestKilledPDFMemoryKeptUntilItsCallEnds: an abandoned instance's memory
// stays as its running call left it (and can still grow) until the call
// ends; an instance's memory otherwise goes when freed.
func TestKilledPDFMemoryKeptUntilItsCallEnds(t *testing.T) {
	var a pdfAllocator
	m := a.Allocate(0, 1<<20).(*pdfMemory)
	b := m.Reallocate(1 << 16)
	b[100] = 7
	m.abandon()
	m.Free() // the kill closes the module
	if b[100] != 7 {
		t.Fatalf("memory changed under the running call: %d", b[100])
	}
	b = m.Reallocate(1 << 17)
	b[1<<16+5] = 3
	if !m.backing.held() || b[100] != 7 {
		t.Fatal("memory of an abandoned instance given back before its call ended")
	}
	m.finish()
	if m.backing.held() {
		t.Error("memory of an abandoned instance kept after its call ended")
	}
	m.Free()

	n := a.Allocate(0, 1<<20).(*pdfMemory)
	n.Reallocate(1 << 16)
	n.finish() // the read ended
	n.Free()   // Close
	if n.backing.held() {
		t.Error("memory of a closed instance kept")
	}
}
