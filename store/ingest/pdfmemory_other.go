//go:build !unix

package ingest

// linearBacking is linear memory on the Go heap (no reservation here): it
// is still bounded by the limit, but growing copies it.
type linearBacking struct{ heapBacking }

func (l *linearBacking) free() { l.buf = nil }

// held says whether the backing still holds memory.
func (l *linearBacking) held() bool { return l.buf != nil }
