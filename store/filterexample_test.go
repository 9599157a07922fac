package store_test

import (
	"context"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/query"
)

// A filter typed without a value says what a value looks like, and the
// example it gives is one a search accepts (a filter of names may say
// "name"): "is: needs a value, for
// example is:"name"" sent the reader on to "is:name is not a filter"
// (and page:, has:, likelihood:, confidence: and stance: the same way;
// found trying the window).
func TestFilterWithoutValueGivesAWorkingExample(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	names := map[string]bool{"doc": true, "actor": true, "source": true, "tag": true, "by": true, "about": true}
	for key := range query.FilterKeys {
		_, err := st.Search(ctx, store.SearchRequest{Query: key + ":"})
		if err == nil {
			t.Errorf("%s: alone searches", key)
			continue
		}
		msg := err.Error()
		const mark = ", for example "
		i := strings.Index(msg, mark)
		if i < 0 || !strings.HasPrefix(msg, key+": needs a value") {
			t.Errorf("%s: alone says %q", key, msg)
			continue
		}
		example := strings.TrimSuffix(msg[i+len(mark):], ".")
		if !strings.HasPrefix(example, key+":") {
			t.Errorf("%s: alone gives the example %q, of another filter", key, example)
		}
		if example == key+`:"name"` && names[key] {
			continue // a name's filter: "name" stands for one
		}
		if _, err := st.Search(ctx, store.SearchRequest{Query: example}); err != nil {
			t.Errorf("%s: alone gives the example %q, which the search refuses: %v", key, example, err)
		}
	}
}
