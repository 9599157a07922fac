package app

// BenchmarkClaimsLedger: does the Claims view of 10,000 claims load off the
// UI goroutine and scroll without stutter?
//
//	go test ./app/ -run '^$' -bench ClaimsLedger -benchtime 1x
//
// The research file holds the built-in article and a generated document of
// benchClaimPassages passages of three attributed sentences each ("CNN
// reported that Iran likely tried to sway the vote in county 12."), over
// which the store's suggester finds three claims a passage.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

const benchClaimPassages = 3340 // three claims each, with the article's: just over 10,000

func BenchmarkClaimsLedger(b *testing.B) {
	ctx := context.Background()
	st, err := openSeeded(filepath.Join(b.TempDir(), "claims.dossier"))
	if err != nil {
		b.Fatal(err)
	}
	began := time.Now()
	res, err := st.ImportText(ctx, "Generated claims", "", generatedClaimsText(benchClaimPassages))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.SuggestClaims(ctx, []int64{res.DocumentID}, nil); err != nil {
		b.Fatal(err)
	}
	t := time.Now()
	all, err := st.Claims(ctx, store.ClaimQuery{})
	if err != nil {
		b.Fatal(err)
	}
	storeLoad := time.Since(t)
	if len(all) < 10_000 {
		b.Fatalf("%d claims, want 10,000", len(all))
	}
	b.Logf("built a file of %d claims in %v; store.Claims reads them in %v", len(all), time.Since(began).Round(time.Millisecond), storeLoad)

	log := observeApplies(b)
	u := benchWindow(b, st, fyne.NewSize(1200, 800))

	longestApply := func() time.Duration {
		applies, _ := log.take()
		longest := time.Duration(0)
		for _, d := range applies {
			longest = max(longest, d)
		}
		return longest
	}
	var open, openUI, openCall, openApply, sortT, scrollMax, scrollP95, scrollMean time.Duration
	for b.Loop() {
		u.do(func() { u.sidebar.showNamed("library") })
		longestApply()
		// Opening the section: the store call and the measuring of every
		// row run off the UI goroutine; the UI goroutine applies them.
		t := time.Now()
		var call time.Duration
		u.a.onUI(func() {
			t := time.Now()
			u.sidebar.showNamed("claims")
			call = time.Since(t)
		})
		u.work.wait()
		open = time.Since(t)
		openApply = longestApply()
		openUI = max(call, openApply)
		openCall = call
		if n := u.claims.ledger.list.length(); n != len(all) {
			b.Fatalf("the ledger lists %d rows, want %d", n, len(all))
		}

		u.a.onUI(func() {
			t := time.Now()
			test.Tap(u.claims.ledger.header[colLikelihood])
			sortT = time.Since(t)
		})
		u.work.wait()

		// Scrolling: 300 wheel steps down the table, each laying out the
		// rows that come into view and filling them.
		scroll := u.claims.ledger.list.scroll
		var steps []time.Duration
		for range 300 {
			u.a.onUI(func() {
				t := time.Now()
				scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -400)})
				steps = append(steps, time.Since(t))
			})
		}
		// and a jump to the far end, as dragging the scroll bar does
		u.a.onUI(func() {
			t := time.Now()
			scroll.ScrollToBottom()
			steps = append(steps, time.Since(t))
		})
		if first, _ := u.claims.ledger.list.visible(); first < len(all)-50 {
			b.Fatalf("after scrolling to the bottom the first row in view is %d of %d", first, len(all))
		}
		var sum time.Duration
		for _, s := range steps {
			sum += s
		}
		scrollMean = sum / time.Duration(len(steps))
		slices.Sort(steps)
		scrollMax, scrollP95 = steps[len(steps)-1], steps[len(steps)*95/100]
	}
	b.Logf("open the Claims view: %.0f ms until shown (longest UI-goroutine step %.1f ms); sort 10k by likelihood %.1f ms; scroll step mean %.2f ms, p95 %.2f ms, max %.2f ms",
		ms(open), ms(openUI), ms(sortT), ms(scrollMean), ms(scrollP95), ms(scrollMax))
	b.Logf("opening: the section's onShow %.1f ms, the longest apply %.1f ms", ms(openCall), ms(openApply))
	b.ReportMetric(ms(storeLoad), "store-ms")
	b.ReportMetric(ms(open), "open-ms")
	b.ReportMetric(ms(openUI), "open-ui-max-ms")
	b.ReportMetric(ms(sortT), "sort-ms")
	b.ReportMetric(ms(scrollP95), "scroll-p95-ms")
	b.ReportMetric(ms(scrollMax), "scroll-max-ms")
}

// generatedClaimsText is a document of n passages of three attributed
// sentences each, varied so that no two claims share their words.
func generatedClaimsText(n int) string {
	speakers := []string{"CNN reported", "Three sources said", "The report concluded", "Officials said", "Reuters reported", "The intelligence report said"}
	actors := []string{"Russia", "Iran", "China", "Vladimir Putin", "Konstantin Kilimnik", "Andriy Derkach"}
	verbs := []string{"likely tried to sway", "did not attempt to manipulate", "almost certainly sought to influence", "probably aimed to undermine", "tried to denigrate"}
	objects := []string{"the vote in county %d", "the election in district %d", "public confidence in ward %d", "the campaign in precinct %d"}
	rng := rand.New(rand.NewPCG(14, 14))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var b strings.Builder
	b.WriteString("Generated claims\n")
	for i := range n {
		b.WriteString("\n")
		for j := range 3 {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s that %s %s "+pick(objects)+".", pick(speakers), pick(actors), pick(verbs), i*3+j)
		}
		b.WriteString("\n")
	}
	return b.String()
}
