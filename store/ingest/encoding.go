package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names decodeTextFile reports, for the import summary.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16 LE"
	EncUTF16BE     = "UTF-16 BE"
	EncWindows1252 = "Windows-1252"
	EncLatin1      = "ISO-8859-1 (Latin-1)"
)

// decodeTextFile turns a text file's bytes into UTF-8 and names the encoding
// it found: UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order
// mark, or, for bytes that are not valid UTF-8, Windows-1252 (Latin-1 when
// no byte is in Windows-1252's 0x80–0x9F range, where the two differ).
// Nothing is ever turned into U+FFFD: bytes that fit none of these (a lone
// UTF-16 surrogate, a truncated code unit, a byte Windows-1252 leaves
// undefined) are an error saying where. Line ends are left as they are.
func decodeTextFile(data []byte) (text string, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		rest := data[3:]
		if i := firstInvalid(rest); i >= 0 {
			return "", EncUTF8BOM, fmt.Errorf("starts as UTF-8 but is not valid UTF-8 (first bad byte at offset %d)", i+3)
		}
		return string(rest), EncUTF8BOM, nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		t, err := decodeUTF16(data[2:], false)
		return t, EncUTF16LE, err
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		t, err := decodeUTF16(data[2:], true)
		return t, EncUTF16BE, err
	case utf8.Valid(data):
		return string(data), EncUTF8, nil
	}
	if bad, first := damagedUTF8(data); bad > 0 {
		return "", "", damagedUTF8Error(bad, first)
	}
	enc := EncLatin1
	for i, b := range data {
		if b < 0x80 || b > 0x9f {
			continue
		}
		switch b {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d: // undefined in Windows-1252
			return "", "", fmt.Errorf("is neither UTF-8 nor Windows-1252 text (byte 0x%02X at offset %d means nothing in either); save it as UTF-8 and try again", b, i)
		}
		enc = EncWindows1252
	}
	// Latin-1 and Windows-1252 agree outside 0x80–0x9F, so one decoder
	// serves both.
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("cannot be decoded as %s: %v", enc, err)
	}
	return string(out), enc, nil
}

// decodeUTF16 decodes UTF-16 code units, refusing an odd byte count and
// unpaired surrogates rather than replacing them.
func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", errors.New("is UTF-16 text cut short (an odd number of bytes)")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	var b bytes.Buffer
	b.Grow(len(units))
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if u < 0xdc00 && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] <= 0xdfff {
				b.WriteRune(utf16.DecodeRune(rune(u), rune(units[i+1])))
				i++
				continue
			}
			return "", fmt.Errorf("is not valid UTF-16 text (an unpaired surrogate at offset %d)", 2+2*i)
		default:
			b.WriteRune(rune(u))
		}
	}
	return b.String(), nil
}

// damagedUTF8 reports UTF-8 text with some bytes that are not UTF-8 (a file
// cut short inside a character, or two files joined): the count of bad
// characters and the offset of the first, when the valid multi-byte characters
// outnumber them. Read as Windows-1252, every "é" in such a file would
// become "Ã©"; real Windows-1252 text almost never forms a multi-byte
// UTF-8 character. It returns 0 for anything else.
func damagedUTF8(data []byte) (bad, first int) {
	multi := 0
	first = -1
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			if first < 0 {
				first = i
			}
			bad++
			// A character cut short is one fault, not one per byte.
			for k := 1; k < 4 && i+n < len(data) && data[i+n]&0xc0 == 0x80; k++ {
				n++
			}
		} else {
			multi++
		}
		i += n
	}
	if bad == 0 || multi <= bad {
		return 0, -1
	}
	return bad, first
}

func damagedUTF8Error(bad, first int) error {
	what := fmt.Sprintf("a byte sequence that is not UTF-8, at offset %d", first)
	if bad > 1 {
		what = fmt.Sprintf("%d byte sequences that are not UTF-8, the first at offset %d", bad, first)
	}
	return fmt.Errorf("is UTF-8 text with %s: it may be damaged or cut short; save it as UTF-8 and try again", what)
}
