package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// PDF files are read by PDFium (Chrome's PDF engine) compiled to
// WebAssembly and run by wazero: pure Go, no external program, no cgo. The
// runtime is compiled once per process, on the first PDF (imports run on a
// worker goroutine, never the UI's), and wazero keeps the compiled code in
// the user cache folder, so later starts take a fraction of the first.
// docs/pdf.md records the choice and its costs.

var pdfEngine struct {
	once  sync.Once
	pool  pdfium.Pool
	err   error
	alloc pdfAllocator
	// borrow is held while an instance is borrowed, so that the memory
	// alloc made last is that instance's (see pdfAllocator.take).
	borrow sync.Mutex
}

// pdfTimeout is how long PDFium may spend on one file before it is stopped
// and the file refused: a malformed file must never hang an import.
var pdfTimeout = 2 * time.Minute

// pdfCacheDir is where wazero keeps its compiled code ("" for no cache).
var pdfCacheDir = func() string {
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		return ""
	}
	return filepath.Join(dir, "dossier", "wazero")
}

// pdfPool starts the PDFium runtime on first use and returns it.
func pdfPool() (pdfium.Pool, error) {
	pdfEngine.once.Do(func() {
		pdfEngine.pool, pdfEngine.err = startPDFium(pdfCacheDir())
	})
	return pdfEngine.pool, pdfEngine.err
}

// startPDFium compiles PDFium's module, with wazero's compilation cache in
// cacheDir when it can be made there (else without one: slower, still
// correct).
func startPDFium(cacheDir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		// PDFium's module lowers setjmp/longjmp to exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cacheDir != "" {
		if err := os.MkdirAll(cacheDir, 0o700); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		// Each instance's memory is bounded (pdfMemoryLimit). Workers are
		// not reused (ReuseWorkers stays false): every file gets a fresh
		// instance, and with it memory of its own (pdfAllocator.take).
		Context:  experimental.WithMemoryAllocator(context.Background(), &pdfEngine.alloc),
		MinIdle:  0,
		MaxIdle:  1,
		MaxTotal: 4,
		// The module sees no file system: documents are handed over as
		// bytes, and a file must not reach anything else.
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: rc,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("could not start the PDF reader: %v", err)
	}
	return pool, nil
}

// withPDFium runs fn on a fresh PDFium instance (one per file: nothing a
// damaged file did stays behind), giving up after pdfTimeout. A panic in
// the engine becomes an error for this file alone.
//
// The runtime is not built WithCloseOnContextDone: that makes wazero start
// a goroutine for every call into the module, and reading a page's
// character boxes is thousands of calls (the Mueller report as a 283-page
// PDF read in 12 s with it, 1.3 s without). So a file past its time is
// killed between calls (the instance is closed; fn's next call fails). A
// call running as it is killed runs to its end on the instance's memory,
// which is kept until then (pdfMemory.finish): the import goes on with the
// next file meanwhile. (One call that never returned could not be stopped:
// Go cannot preempt compiled WebAssembly, and the process would stop at
// its next garbage collection. PDFium is fuzzed for exactly that.)
func withPDFium(fn func(pdfium.Pdfium) error) error {
	pool, err := pdfPool()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	pdfEngine.borrow.Lock()
	pdfEngine.alloc.take() // (one made before, if any, is not this one's)
	inst, err := pool.GetInstanceWithContext(ctx)
	mem := pdfEngine.alloc.take()
	pdfEngine.borrow.Unlock()
	cancel()
	if err != nil {
		return fmt.Errorf("could not start the PDF reader: %v", err)
	}
	done := make(chan error, 1)
	pdfCalls.Add(1)
	go func() {
		defer pdfCalls.Done()
		if mem != nil {
			defer mem.finish()
		}
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("is damaged: the PDF reader failed on it (%v)", r)
			}
		}()
		done <- fn(inst)
	}()
	timer := time.NewTimer(pdfTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		_ = inst.Close()
		if mem != nil {
			pdfLastPeak.Store(mem.peak.Load())
		}
		if mem != nil && mem.refused.Load() {
			// PDFium ran out of the memory it is allowed: whatever it
			// made of the file (an error, or pages missing what it could
			// not inflate) is not the file.
			return errPDFMemory
		}
		return err
	case <-timer.C:
		if mem != nil {
			mem.abandon()
		}
		_ = inst.Kill()
		return errPDFTimeout
	}
}

// pdfCalls are the files' reads still running, abandoned ones included.
var pdfCalls sync.WaitGroup

// pdfLastPeak is the most memory the last PDF read took PDFium (tests).
var pdfLastPeak atomic.Uint64

var errPDFTimeout = errors.New("took too long to read (the PDF may be damaged); nothing was imported")
