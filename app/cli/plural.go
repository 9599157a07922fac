package cli

import "strconv"

// count renders n with the noun in the right number: "1 document",
// "2 documents", "0 documents". many is the plural, given whole because
// English plurals are irregular ("search" → "searches").
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// agree picks the verb form for a count: "1 passage matches", "2 passages
// match".
func agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
