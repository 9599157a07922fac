package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/internal/wording"

	"golang.org/x/net/html/charset"
)

// Limits on the zip containers (DOCX, ODT, EPUB): a small file can claim
// to unpack to gigabytes (a zip bomb) or hold millions of entries.
const (
	maxZipEntries = 10000
	maxZipBytes   = 4 * MaxFileSize // uncompressed bytes read, all members together
)

// zipBudget is maxZipBytes, lowered by tests.
var zipBudget int64 = maxZipBytes

// zipArchive reads members of a zip container within a shared budget.
type zipArchive struct {
	files  map[string]*zip.File
	folded map[string]*zip.File // by lower-case name, for links that differ in case
	budget int64
}

func openZip(data []byte) (*zipArchive, error) {
	if len(data) > MaxFileSize {
		return nil, errors.New(tooLarge(int64(len(data))))
	}
	if n := zipHeaders(data); n > maxZipEntries {
		return nil, fmt.Errorf("the zip container holds %d entries, more than the %d Dossier reads", n, maxZipEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("the zip container is damaged (%v)", err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, fmt.Errorf("the zip container holds %d entries, more than the %d Dossier reads", len(zr.File), maxZipEntries)
	}
	z := &zipArchive{files: map[string]*zip.File{}, folded: map[string]*zip.File{}, budget: zipBudget}
	for _, f := range zr.File {
		if _, dup := z.files[f.Name]; !dup {
			z.files[f.Name] = f
		}
		if _, dup := z.folded[strings.ToLower(f.Name)]; !dup {
			z.folded[strings.ToLower(f.Name)] = f
		}
	}
	return z, nil
}

func bombReason() string {
	return fmt.Sprintf("it unpacks to more than %s, too large to be a document (a zip bomb?)", wording.Bytes(zipBudget))
}

// zipHeaders counts the central directory's entry signatures: an upper
// bound on the entries archive/zip would parse, all of them, before the
// entry limit could be checked (700,000 empty entries took 400 MB). The
// count the directory's end record gives cannot serve: archive/zip
// compares only its low 16 bits.
func zipHeaders(data []byte) int { return bytes.Count(data, []byte("PK\x01\x02")) }

// errMissing is a member the archive does not hold.
var errMissing = errors.New("missing")

// member finds a member by name (or by name in any case).
func (z *zipArchive) member(name string) (*zip.File, error) {
	f, ok := z.files[name]
	if !ok {
		if f, ok = z.folded[strings.ToLower(name)]; !ok {
			return nil, fmt.Errorf("%s is %w", name, errMissing)
		}
	}
	return f, nil
}

// errBomb is a member unpacking past the budget.
var errBomb = errors.New("zip bomb")

// bombError is errBomb, worded for people.
type bombError struct{}

func (bombError) Error() string        { return bombReason() }
func (bombError) Is(target error) bool { return target == errBomb }

// open streams a member, counting its bytes against the budget as they
// are read: the main part of a document (word/document.xml can be
// hundreds of megabytes of markup for a few of text) is decoded as it
// inflates, never held whole.
func (z *zipArchive) open(name string) (io.ReadCloser, error) {
	f, err := z.member(name)
	if err != nil {
		return nil, err
	}
	if f.UncompressedSize64 > uint64(z.budget) {
		return nil, bombError{}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s cannot be opened (%v)", name, err)
	}
	return &budgetReader{rc: rc, z: z}, nil
}

type budgetReader struct {
	rc io.ReadCloser
	z  *zipArchive
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if b.z.budget -= int64(n); b.z.budget < 0 {
		return n, bombError{}
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// read returns a member's bytes, counting them against the budget (see
// open: a member declaring more than the budget is refused before a byte
// is inflated, and the read needs no more memory than it declares).
func (z *zipArchive) read(name string) ([]byte, error) {
	f, err := z.member(name)
	if err != nil {
		return nil, err
	}
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, 64<<20)))
	if _, err = buf.ReadFrom(rc); err != nil {
		if errors.As(err, new(bombError)) {
			return nil, err
		}
		return nil, fmt.Errorf("%s is damaged (%v)", name, err)
	}
	return buf.Bytes(), nil
}

// newXMLDecoder reads a member's XML in any declared encoding. XML's
// entity definitions are not expanded by encoding/xml, so an "entity
// bomb" costs nothing.
//
// XML may also be UTF-16 with a byte-order mark, which encoding/xml does
// not read (it takes the first bytes as UTF-8 before the declaration): it
// is decoded first, and the declaration's "UTF-16" then taken as read.
func newXMLDecoder(data []byte) *xml.Decoder {
	return newXMLStreamDecoder(bytes.NewReader(data))
}

// newXMLStreamDecoder is newXMLDecoder reading from r. UTF-16 (rare in
// these formats) is read whole first, to be decoded strictly.
func newXMLStreamDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(2)
	if !(len(head) == 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff)) {
		d := xml.NewDecoder(br)
		d.CharsetReader = charset.NewReaderLabel
		return d
	}
	data, err := io.ReadAll(br)
	if err != nil {
		d := xml.NewDecoder(errReader{err})
		return d
	}
	utf16 := false
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		if text, err := decodeUTF16(data[2:], data[0] == 0xfe); err == nil {
			data, utf16 = []byte(text), true
		}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if utf16 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(label)), "utf-16") {
			return r, nil
		}
		return charset.NewReaderLabel(label, r)
	}
	return d
}

// xmlText collects the text of the first elements named by local name in
// the given namespaces (document properties: dc:title, dc:creator, …).
func xmlText(data []byte, want map[xml.Name]*string) error {
	d := newXMLDecoder(data)
	var cur *string
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if dst, ok := want[t.Name]; ok && *dst == "" && cur == nil {
				cur = dst
				b.Reset()
			}
		case xml.CharData:
			if cur != nil {
				b.Write(t)
			}
		case xml.EndElement:
			if dst, ok := want[t.Name]; ok && dst == cur {
				*cur = oneLine(b.String())
				cur = nil
			}
		}
	}
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// errText is an error's message fit for the import summary: XML errors
// quote the damaged bytes, which need not be UTF-8.
func errText(err error) string { return strings.ToValidUTF8(err.Error(), "?") }
