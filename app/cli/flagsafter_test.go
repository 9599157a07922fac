package cli_test

import "testing"

// A flag after the query is obeyed, not searched for (found by a hostile
// pass), and an exclusion after it is still one.
func TestSearchTakesFlagsAfterTheQuery(t *testing.T) {
	db := newDB(t)
	res := runJSON[searchJSON](t, db, "search", "kilimnik", "--limit", "1", "--json")
	if res.Total != 2 || len(res.Hits) != 1 {
		t.Errorf("search kilimnik --limit 1 --json: %+v", res)
	}
	all := runJSON[searchJSON](t, db, "search", "kilimnik", "--json")
	without := runJSON[searchJSON](t, db, "search", "kilimnik", "-manafort", "--json")
	if without.Total >= all.Total {
		t.Errorf("kilimnik -manafort: %d of kilimnik's %d", without.Total, all.Total)
	}
}
