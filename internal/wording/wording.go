// Package wording holds the small wording helpers that the store, the CLI and
// the window all use, so that a count or a size reads the same everywhere.
package wording

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// OneLine collapses runs of white space, line breaks included, into single
// spaces and trims the ends.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Blank reports whether s shows nothing: it holds only white space and
// invisible characters — format characters (a zero-width space, a soft
// hyphen, a direction mark), default-ignorable ones (a Hangul filler) and
// variation selectors. Such a title or name is none: pasted from a web page,
// it showed as a blank row (a hostile data pass).
func Blank(s string) bool { return strings.IndexFunc(s, shows) < 0 }

// shows reports whether r leaves a mark on screen.
func shows(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.IsSpace(r) &&
		!unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) && !unicode.Is(unicode.Variation_Selector, r)
}

// Brief is OneLine cut to about n characters, with an ellipsis when cut.
func Brief(s string, n int) string {
	s = OneLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Noun picks the form of noun for a count of n. noun is "one|many" ("tag on
// a passage|tags on passages", or a verb: "matches|match"), or a singular
// whose plural takes -es after s, x, ch and sh and -s otherwise.
func Noun(n int, noun string) string {
	one, many, ok := strings.Cut(noun, "|")
	if n == 1 {
		return one
	}
	if ok {
		return many
	}
	for _, end := range []string{"s", "x", "ch", "sh"} {
		if strings.HasSuffix(one, end) {
			return one + "es"
		}
	}
	return one + "s"
}

// Count says "1 bookmark", "2 bookmarks", "0 saved searches" (see Noun).
func Count(n int, noun string) string { return strconv.Itoa(n) + " " + Noun(n, noun) }

// Thousands formats n with separators: 12,345.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Bytes is a size for people, in decimal units as file managers show them:
// 850 bytes, 12 KB, 1.2 MB, 34 MB, 1.5 GB, 17.6 TB.
func Bytes(n int64) string {
	switch {
	case n < 1000:
		return Count(int(n), "byte")
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 10*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%d MB", (n+500_000)/1_000_000)
	case n < 1000*1000*1000*1000:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	}
	return fmt.Sprintf("%.1f TB", float64(n)/1e12)
}

// Imported says when a document was imported, in local time to the second,
// as the library's rows and an import's summary both say it: two versions
// of a file are often imported minutes apart, sometimes the same minute.
func Imported(t time.Time) string { return "imported " + t.Local().Format("2006-01-02 15:04:05") }
