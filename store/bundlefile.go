package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dossier/store/ingest"
)

// MaxBundleSize is the largest annotation bundle Dossier restores (documented
// in the README). It is enforced while reading, whatever the file claims.
const MaxBundleSize = 256 << 20

// maxBundleSize is MaxBundleSize, smaller in tests.
var maxBundleSize int64 = MaxBundleSize

// ErrDamagedBundle is in the chain of errors for a bundle that is not valid
// JSON, or whose fields have the wrong types: a file cut short, or edited.
var ErrDamagedBundle = errors.New("damaged Dossier annotation bundle")

// readBundleFile reads path if it is to be restored as an annotation bundle.
// ok is false for files the document importer takes instead: anything but
// .json. A .json file that is not valid JSON is taken as a damaged bundle
// (Dossier imports no other JSON), so that restoring it says what is wrong
// and where; JSON that does not say it is a bundle is refused as one
// (ErrNotBundle). err is set when ok is true
// and the file cannot be read: not a regular file, or larger than
// MaxBundleSize.
func readBundleFile(path string) (data []byte, ok bool, err error) {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return nil, false, nil
	}
	fi, err := os.Stat(path) // after links: a link to a device is a device
	if err != nil {
		return nil, false, nil // the document importer reports it
	}
	if !fi.Mode().IsRegular() {
		return nil, true, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > maxBundleSize {
		return nil, true, bundleTooLarge()
	}
	// Not os.Open: a file swapped for a pipe since Stat would block it.
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	data, err = readBundleBytes(f)
	if err != nil {
		return nil, true, err
	}
	if isBundle(data) || !json.Valid(data) {
		return data, true, nil
	}
	// JSON of another kind: said so, rather than "unsupported file type
	// .json" while the help lists .json bundles (a hostile pass).
	return nil, true, fmt.Errorf("%w: Dossier imports JSON only as the annotation bundles it exports (with \"format\": %q)", ErrNotBundle, BundleFormat)
}

// readBundleBytes reads at most MaxBundleSize bytes, and fails beyond.
func readBundleBytes(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBundleSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxBundleSize {
		return nil, bundleTooLarge()
	}
	return data, nil
}

func bundleTooLarge() error {
	return fmt.Errorf("the annotation bundle is larger than %d MB, the most Dossier restores", (maxBundleSize+(1<<20)-1)>>20)
}

// decodeBundle decodes data into b, saying where a damaged bundle goes wrong.
func decodeBundle(data []byte, b *Bundle) error {
	err := json.Unmarshal(data, b)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syntax) && syntax.Offset >= int64(len(bytes.TrimRight(data, " \t\r\n"))):
		return fmt.Errorf("%w: it ends early, at %s: the file was cut short", ErrDamagedBundle, where(data, syntax.Offset))
	case errors.As(err, &syntax):
		// Offset counts the offending byte: point at it.
		return fmt.Errorf("%w: invalid JSON at %s: %v", ErrDamagedBundle, where(data, syntax.Offset-1), syntax)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Errorf("%w: at %s, %q should be %s, not %s", ErrDamagedBundle, where(data, typ.Offset), jsonField(typ.Field), jsonKind(typ.Type), typ.Value)
	}
	// A date that is none came out as Go's "parsing time \"yesterday\" as
	// \"2006-01-02T15:04:05Z07:00\": …", of a file "not a Dossier
	// annotation bundle" (a hostile pass): json gives no place for it,
	// so the value is looked for.
	var date *time.ParseError
	if errors.As(err, &date) {
		why := strings.TrimPrefix(date.Message, ": ")
		if why != "" {
			why = " (" + why + ")"
		}
		place := ""
		if at := bytes.Index(data, []byte(strconv.Quote(date.Value))); at >= 0 {
			place = " at " + where(data, int64(at)) + ","
		}
		return fmt.Errorf("%w:%s %q is not a date and time such as \"2026-01-02T15:04:05Z\"%s", ErrDamagedBundle, place, date.Value, why)
	}
	return fmt.Errorf("%w: %v", ErrNotBundle, err)
}

// jsonField is a field's path as the bundle spells it: json puts in the
// Go name of an embedded struct ("bookmarks.BundlePassage.passage"),
// where every name a bundle uses is lower case.
func jsonField(path string) string {
	parts := strings.Split(path, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

// jsonKind is what JSON a Go type is read from, in a reader's words (a
// damaged bundle's message named Dossier's own type, store.BundlePassage;
// a hostile pass).
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

// where describes a byte offset in data as line, column and byte.
func where(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d (byte %d)", line, col, offset)
}
