package ingest

import (
	"sync"
	"sync/atomic"

	"dossier/internal/wording"

	"github.com/tetratelabs/wazero/experimental"
)

// pdfMemoryLimit bounds one PDFium instance's memory (WebAssembly linear
// memory, where PDFium keeps the file, its parsed objects and every stream
// it inflates). Without it a PDF of 816 KB whose one content stream
// inflates to 800 MB (a compression bomb) took an import to 5.6 GB. PDFs
// of thousands of pages need some 20 MB (TestPDFMemoryLimitLeavesRoom);
// past the limit PDFium's allocations fail and the file is refused. The
// limit is whole WebAssembly pages (64 KiB) below 500 MB.
var pdfMemoryLimit uint64 = 500_000_000 &^ (1<<16 - 1)

// errPDFMemory is the reason a PDF is refused when PDFium needed more
// memory than pdfMemoryLimit.
var errPDFMemory = errMemory{}

type errMemory struct{}

func (errMemory) Error() string {
	return "is a PDF that needs more memory to read than Dossier allows (" + wording.Bytes(int64(pdfMemoryLimit)) + "), probably a compression bomb; nothing was imported"
}

// pdfAllocator makes each PDFium instance's linear memory (wazero's
// experimental allocator hook, set in the pool's context). Memory is
// reserved up to the limit and used as it grows: growing never copies it,
// so the peak is what PDFium uses, not twice that.
type pdfAllocator struct {
	mu   sync.Mutex
	last *pdfMemory // the memory of the instance made last (see take)
}

func (a *pdfAllocator) Allocate(capacity, max uint64) experimental.LinearMemory {
	m := &pdfMemory{limit: min(max, pdfMemoryLimit)}
	pdfMemoriesHeld.Add(1)
	a.mu.Lock()
	a.last = m
	a.mu.Unlock()
	return m
}

// take returns the memory made since the last take, or nil. Instances are
// made as they are borrowed from the pool, on the borrower's goroutine;
// withPDFium borrows under pdfEngine.borrow, so the memory take returns
// then is its instance's.
func (a *pdfAllocator) take() *pdfMemory {
	a.mu.Lock()
	defer a.mu.Unlock()
	m := a.last
	a.last = nil
	return m
}

// pdfMemory is one instance's linear memory, refusing to grow past limit.
type pdfMemory struct {
	limit   uint64
	refused atomic.Bool   // a growth was refused: PDFium ran out of memory
	peak    atomic.Uint64 // the largest size it reached, in bytes
	backing linearBacking

	// A killed instance may still have a call running on its goroutine
	// (see withPDFium); that call must find its memory as it left it.
	// Given back (zeroed) under it, PDFium read nothing but zeros and could
	// loop for ever, in compiled code Go cannot preempt: the whole process
	// then stopped at its next garbage collection.
	mu        sync.Mutex
	abandoned bool // killed while its calls may still run
	finished  bool // no call runs on it any more
	freeLater bool // freed while abandoned: finish gives it back
	released  bool // given back
}

// Reallocate implements experimental.LinearMemory: the memory is size bytes
// long, or nil when that is past the limit (WebAssembly's memory.grow then
// fails, and PDFium's allocation with it).
func (m *pdfMemory) Reallocate(size uint64) []byte {
	if size > m.limit {
		m.refused.Store(true)
		return nil
	}
	b := m.backing.grow(size, m.limit)
	if b == nil {
		m.refused.Store(true)
		return nil
	}
	if size > m.peak.Load() {
		m.peak.Store(size)
	}
	return b
}

// Free implements experimental.LinearMemory: the memory is given back,
// or, while an abandoned instance's call may still run on it, once that
// call has returned (finish).
func (m *pdfMemory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.abandoned && !m.finished {
		m.freeLater = true
		return
	}
	m.release()
}

// pdfMemoriesHeld counts instances' memories not yet given back.
var pdfMemoriesHeld atomic.Int64

// release gives the memory back, once (m.mu held).
func (m *pdfMemory) release() {
	if !m.released {
		m.released = true
		m.backing.free()
		pdfMemoriesHeld.Add(-1)
	}
}

// abandon marks the memory of an instance about to be killed while its
// calls may still be running.
func (m *pdfMemory) abandon() {
	m.mu.Lock()
	m.abandoned = true
	m.mu.Unlock()
}

// finish says no call runs on the memory any more: memory freed while
// abandoned is given back now.
func (m *pdfMemory) finish() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.finished = true
	if m.freeLater {
		m.freeLater = false
		m.release()
	}
}

// heapBacking is linear memory on the Go heap, grown by copying (as wazero
// does by default): where memory cannot be reserved.
type heapBacking struct{ buf []byte }

func (h *heapBacking) grow(size, limit uint64) []byte {
	if size <= uint64(cap(h.buf)) {
		h.buf = h.buf[:size]
		return h.buf
	}
	n := max(size, min(2*uint64(cap(h.buf)), limit))
	b := make([]byte, size, n)
	copy(b, h.buf)
	h.buf = b
	return b
}
