//go:build unix

package ingest

import "golang.org/x/sys/unix"

// linearBacking reserves address space for the whole limit (no memory
// yet) and makes it usable as the memory grows: growing never moves or
// copies it, and what PDFium never touches costs nothing.
type linearBacking struct {
	mapped    []byte // the reservation; usable up to committed
	committed uint64
	heap      *heapBacking // when nothing could be reserved
}

func (l *linearBacking) grow(size, limit uint64) []byte {
	if l.heap == nil && l.mapped == nil {
		b, err := unix.Mmap(-1, 0, int(limit), unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON)
		if err != nil {
			l.heap = &heapBacking{}
		} else {
			l.mapped = b
		}
	}
	if l.heap != nil {
		return l.heap.grow(size, limit)
	}
	if size > l.committed {
		page := uint64(unix.Getpagesize())
		n := min((size+page-1)/page*page, uint64(len(l.mapped)))
		if err := unix.Mprotect(l.mapped[l.committed:n], unix.PROT_READ|unix.PROT_WRITE); err != nil {
			return nil
		}
		l.committed = n
	}
	return l.mapped[:size:size]
}

// free gives the memory back (never while a call may still run on it:
// see pdfMemory.Free).
func (l *linearBacking) free() {
	if l.mapped == nil {
		l.heap = nil
		return
	}
	_ = unix.Munmap(l.mapped)
	l.mapped, l.committed = nil, 0
}

// held says whether the backing still holds memory (reserved or on the
// heap).
func (l *linearBacking) held() bool { return l.mapped != nil || l.heap != nil }
