package ingest_test

import (
	"strings"
	"testing"

	"dossier/store/ingest"
)

// A file's line ends do not decide whether it is taken for binary: the
// share of control characters was counted over the bytes before CR LF
// became LF, so a CRLF file at the threshold was imported and its LF copy
// (or its own stored text, parsed again) refused. Found by FuzzPlainText.
func TestLineEndsDoNotMakeBinary(t *testing.T) {
	crlf := "00000000\x1a00000000\r\n0"
	for _, in := range []string{crlf, strings.ReplaceAll(crlf, "\r\n", "\n"), strings.ReplaceAll(crlf, "\r\n", "\r")} {
		_, err := ingest.Parse("f.txt", []byte(in))
		_, errCRLF := ingest.Parse("f.txt", []byte(crlf))
		if (err == nil) != (errCRLF == nil) {
			t.Errorf("%q: %v, but its CRLF copy: %v", in, err, errCRLF)
		}
	}
}
