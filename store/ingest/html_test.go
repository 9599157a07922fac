package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// savedPage is a short saved news page with every kind of boilerplate.
const savedPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sanctions Eased on Port Traffic &ndash; The Harbour Courier</title>
<meta name="author" content="Jane Q. Reporter">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<meta property="og:site_name" content="The Harbour Courier">
<link rel="canonical" href="https://courier.example/2024/03/sanctions">
<style>body { font-family: serif; } .ad { display: block; }</style>
<script>document.write("tracking pixel"); var x = "<p>not text</p>";</script>
</head>
<body>
<header class="site-header"><a href="/">The Harbour Courier</a> <span>Subscribe now</span></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<main>
<article>
<h1>Sanctions Eased on Port Traffic</h1>
<p>The ministry said on Tuesday that inspections at the northern port would be reduced &amp; that cargo   ships could
dock without the previous 48&#8209;hour delay.</p>
<!-- editor's note: check the figure below -->
<p>Officials described the change as &ldquo;a first step&rdquo;, citing a fall in seizures.<br>Critics disagreed.<br><br>They said the data were incomplete.</p>
<div hidden>Hidden teaser text</div>
<div style="color: red; DISPLAY : none">Also hidden</div>
<span aria-hidden="true">Icon label</span>
<h2>Figures</h2>
<table>
<tr><th>Year</th><th>Seizures</th></tr>
<tr><td>2022</td><td><p>1,204</p></td></tr>
<tr><td>2023</td><td>871</td></tr>
</table>
<blockquote>We will monitor every shipment.</blockquote>
<ul><li>Fewer inspections</li><li>Shorter queues</li></ul>
<ol start="3"><li>Third point</li><li>Fourth point</li></ol>
</article>
</main>
<aside><h3>Related</h3><p>Read more stories like this.</p></aside>
<div role="navigation">Previous story | Next story</div>
<footer><p>&copy; 2024 The Harbour Courier. All rights reserved.</p></footer>
<script src="analytics.js"></script>
<noscript>Enable JavaScript</noscript>
</body>
</html>
`

var savedPagePassages = []string{
	"# Sanctions Eased on Port Traffic",
	"The ministry said on Tuesday that inspections at the northern port would be reduced & that cargo ships could dock without the previous 48\u2011hour delay.",
	"Officials described the change as \u201ca first step\u201d, citing a fall in seizures. Critics disagreed.",
	"They said the data were incomplete.",
	"# Figures",
	"Year | Seizures",
	"2022 | 1,204",
	"2023 | 871",
	"We will monitor every shipment.",
	"• Fewer inspections",
	"• Shorter queues",
	"3. Third point",
	"4. Fourth point",
}

func TestHTMLSavedPage(t *testing.T) {
	doc, err := parseHTML("port.html", []byte(savedPage))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, savedPagePassages)
	if doc.Format != "html" || doc.Title != "Sanctions Eased on Port Traffic" || doc.Author != "Jane Q. Reporter" ||
		doc.Published != "2024-03-05T08:30:00Z" || doc.Source != "The Harbour Courier" || doc.URL != "https://courier.example/2024/03/sanctions" {
		t.Fatalf("metadata %+v", doc)
	}
	for _, gone := range []string{"tracking", "not text", "font-family", "Subscribe", "World", "Business", "editor's note",
		"Hidden teaser", "Also hidden", "Icon label", "Related", "Read more", "Next story", "rights reserved", "Enable JavaScript", "&amp;", "&ldquo;"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("boilerplate %q kept in %q", gone, doc.Text)
		}
	}
}

// A long article: readability keeps the story and drops what the first
// cleaning cannot tell from prose (related links, share bars in plain
// divs).
func TestHTMLMainContent(t *testing.T) {
	var story []string
	var b strings.Builder
	b.WriteString(`<html><head><title>Harbour strike ends after eleven days | Courier</title></head><body><div id="page">`)
	b.WriteString(`<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>`)
	b.WriteString(`<div class="article-body">`)
	for i, s := range []string{"Dock workers", "The union", "Port managers", "Shipping lines", "City officials", "Analysts"} {
		p := s + " said the strike, which lasted eleven days and idled more than forty ships at anchor, had ended after an agreement on pay and safety was reached late on Sunday evening, paragraph " + string(rune('A'+i)) + "."
		story = append(story, p)
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div><div class="related-links"><ul>`)
	for _, s := range []string{"Storm closes bridge", "Mayor opens market", "Ferry fares rise"} {
		b.WriteString(`<li><a href="/x">` + s + `</a></li>`)
	}
	b.WriteString(`</ul></div><div class="comments"><a href="#">Load comments</a></div></div></body></html>`)
	doc, err := parseHTML("strike.htm", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, story)
	if doc.Title != "Harbour strike ends after eleven days" {
		t.Fatalf("title %q", doc.Title)
	}
}

func TestHTMLTitleFromHeading(t *testing.T) {
	page := `<body><h2>Minor heading</h2><p>Text before.</p><h1>Main &amp; Heading</h1><p>Body text.</p></body>`
	doc, err := parseHTML("x.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	if doc.Title != "Main & Heading" {
		t.Fatalf("title %q", doc.Title)
	}
	wantPassages(t, doc, []string{"# Minor heading", "Text before.", "# Main & Heading", "Body text."})
}

func TestHTMLCharsets(t *testing.T) {
	cp1252, _ := charmap.Windows1252.NewEncoder().String("<p>\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5</p>")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("<p>Z\u00fcrich \u65e5\u672c</p>")
	for _, c := range []struct{ name, page, want string }{
		{"meta charset", `<html><head><meta charset="windows-1252"></head><body>` + cp1252 + `</body></html>`, "\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5"},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">` + cp1252, "\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5"},
		{"undeclared legacy bytes", cp1252, "\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5"},
		{"declared UTF-8 but not", `<meta charset="utf-8">` + cp1252, "\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5"},
		{"UTF-8 past the first kilobyte", "<p>" + strings.Repeat("a ", 600) + "</p><p>caf\u00e9 \u65e5\u672c</p>", "caf\u00e9 \u65e5\u672c"},
		{"UTF-8 BOM", "\ufeff<p>na\u00efve</p>", "na\u00efve"},
		{"UTF-16 BOM", utf16, "Z\u00fcrich \u65e5\u672c"},
		{"control characters", "<p>a\x02b\x03c&#2;d&#0;e\u00adf\u200bg</p>", "abcdefg"},
	} {
		doc, err := parseHTML("c.html", []byte(c.page))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		checkSpans(t, doc)
		got := listing(doc)
		if got[len(got)-1] != c.want {
			t.Errorf("%s: passages %q, want last %q", c.name, got, c.want)
		}
	}
}

func TestHTMLErrors(t *testing.T) {
	_, err := parseHTML("empty.html", []byte(`<html><head><title>T</title><script>app()</script></head><body><div id="root"></div></body></html>`))
	wantError(t, err, "empty.html", "has no readable text")
	_, err = parseHTML("deep.html", []byte(strings.Repeat("<div>", 2000)+"x"))
	wantError(t, err, "deep.html", "nest more than")
}
