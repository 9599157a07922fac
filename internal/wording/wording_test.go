package wording

import "testing"

func TestOneLineAndBrief(t *testing.T) {
	if got := OneLine("  a\n\tb   c \r\n"); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
	if got := Brief("Tōkyō  is\nbig", 5); got != "Tōkyō…" {
		t.Errorf("Brief = %q", got)
	}
	if got := Brief("short", 5); got != "short" {
		t.Errorf("Brief = %q", got)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{1, "bookmark", "1 bookmark"},
		{0, "bookmark", "0 bookmarks"},
		{2, "saved search", "2 saved searches"},
		{3, "box", "3 boxes"},
		{2, "tag on a passage|tags on passages", "2 tags on passages"},
		{1, "tag on a passage|tags on passages", "1 tag on a passage"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	if Noun(1, "matches|match") != "matches" || Noun(4, "matches|match") != "match" {
		t.Error("Noun does not pick the verb form")
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 850: "850 bytes", 12_345: "12 KB", 1_234_567: "1.2 MB",
		34_000_000: "34 MB", 1_500_000_000: "1.5 GB", 64 << 20: "67 MB", 17_592_186_040_320: "17.6 TB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 2_351_104: "2,351,104", -1234: "-1,234", -123: "-123"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestBlank(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, " \t\n": true, "\u200b": true, "\u00ad\u200e\u200f": true, " \u2060\ufeff ": true,
		"\u3164": true, "\ufe0f": true, "\u202e\u202c": true,
		"a": false, "\u200bRussia": false, "Uk\u00adraine": false, "\xff": false, "\u0301": false, "·": false,
	} {
		if got := Blank(s); got != want {
			t.Errorf("Blank(%q) = %v, want %v", s, got, want)
		}
	}
}
