package query

import (
	"strconv"
	"strings"
)

// MaxPage bounds a page filter's numbers, so that "page:99999999999999999999"
// is a message rather than an overflow.
const MaxPage = 1_000_000

// PageRange reads a page: filter's value, "7" or "3-9" (also "3–9" with an
// en dash), as the first and last page, 1-based and inclusive.
func PageRange(value string) (first, last int, err error) {
	v := strings.ReplaceAll(strings.TrimSpace(value), "–", "-")
	a, b, isRange := strings.Cut(v, "-")
	if !isRange {
		b = a
	}
	first, ok1 := pageNumber(a)
	last, ok2 := pageNumber(b)
	if !ok1 || !ok2 {
		return 0, 0, errorf("page:%s is not a page; write a page number, page:7, or a range, page:3-9.", Clip(value))
	}
	if first > last {
		return 0, 0, errorf("page:%s runs backwards; write the first page first, page:%d-%d.", Clip(value), last, first)
	}
	return first, last, nil
}

func pageNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 7 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= MaxPage
}
