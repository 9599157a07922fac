package store

import (
	"strings"
	"testing"
)

// endless yields spaces forever and counts what was read of it.
type endless struct{ read int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.read += int64(len(p))
	return len(p), nil
}

// The bundle size limit holds while reading: an endless stream is refused
// after the limit, not read to exhaustion.
func TestBundleSizeLimitWhileReading(t *testing.T) {
	old := maxBundleSize
	maxBundleSize = 4 << 20
	defer func() { maxBundleSize = old }()
	r := &endless{}
	_, err := ReadBundle(r)
	if err == nil || !strings.Contains(err.Error(), "larger than 4 MB") {
		t.Errorf("endless bundle: %v", err)
	}
	if r.read > maxBundleSize+64<<10 {
		t.Errorf("read %d bytes of an endless bundle; the limit is %d", r.read, maxBundleSize)
	}
}
