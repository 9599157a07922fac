package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dossier/internal/wording"
	"dossier/store/ingest"
)

// Document is a stored document's metadata (its text is loaded on demand).
type Document struct {
	ID          int64
	Title       string
	Source      string
	Author      string
	Published   string
	URL         string
	FileName    string
	PhotoCredit string
	Format      string
	Hash        string
	ImportedAt  time.Time
	Passages    int
	Pages       int // a paged format's page count (PDF); 0 when unpaged
	// Version is its number among the documents of its title, given once
	// and never to another of the title (see docversions.go); 0 in a
	// read-only file of an older schema.
	Version int
}

// Passage is one paragraph-sized, citable unit of a document. Start and End
// are byte offsets into the document's text.
type Passage struct {
	ID         int64
	DocumentID int64
	Ordinal    int // 1-based position in the document
	Start, End int
	Text       string
	Heading    bool // a section heading, not body text
	Footnote   int  // a footnote's number; 0 for body text
	Page       int  // the page it starts on in a paged document (1-based); 0 when unpaged
}

// ImportResult says what happened to one imported document.
type ImportResult struct {
	DocumentID     int64
	Title          string
	Passages       int
	AlreadyPresent bool   // identical content was imported before; nothing changed
	Encoding       string // a text file's encoding when it was not UTF-8, for the summary
	// Earlier is the newest other document with this one's title and file
	// name, and other content: most likely an earlier version of the file
	// (a memo edited and imported again). Both are kept; the summary says
	// so, as two rows of one title in the library would not.
	Earlier *EarlierVersion
	// Version is the document's version among the documents of its title
	// (Document.Version); 0 when nothing was stored.
	Version int
}

// EarlierNote is what a summary line adds for Earlier ("" without one):
// which version of its title the import is, and which the library also
// holds, kept as they were (" as v3; v1 and v2 are kept as they were").
// Said alike by the window and the CLI; the versions are the labels the
// library's rows show. Where the versions are not known (a file another
// program wrote rows into), it names the earlier version by its time.
func (r ImportResult) EarlierNote() string {
	if r.Earlier == nil {
		return ""
	}
	if r.Version < 1 || len(r.Earlier.Versions) == 0 {
		when := ""
		if !r.Earlier.Imported.IsZero() {
			when = " (" + wording.Imported(r.Earlier.Imported) + ")"
		}
		return "; the library also holds an earlier version" + when + ", kept as it was"
	}
	kept := r.Earlier.Versions
	if len(kept) == 1 {
		return fmt.Sprintf(" as v%d; v%d is kept as it was", r.Version, kept[0])
	}
	if len(kept) > maxNamedVersions {
		return fmt.Sprintf(" as v%d; the %d earlier versions are kept as they were", r.Version, len(kept))
	}
	labels := make([]string, len(kept))
	for i, v := range kept {
		labels[i] = "v" + strconv.Itoa(v)
	}
	return fmt.Sprintf(" as v%d; %s and %s are kept as they were", r.Version, strings.Join(labels[:len(labels)-1], ", "), labels[len(labels)-1])
}

// maxNamedVersions is how many earlier versions a summary line names; of
// more, it says how many.
const maxNamedVersions = 4

// EarlierVersion is a document an import found to be an earlier version of
// the file it imported (ImportResult.Earlier).
type EarlierVersion struct {
	DocumentID int64
	Imported   time.Time
	// Versions are the versions of the documents of the title the
	// library holds besides the one imported, lowest first (Document.Version).
	Versions []int
}

// ReadAs names, for a summary line, the encoding a text file was read in
// when it was not UTF-8 (" (read as Windows-1252)"); "" otherwise.
func (r ImportResult) ReadAs() string {
	if r.Encoding == "" {
		return ""
	}
	return " (read as " + r.Encoding + ")"
}

// ErrNotFound is returned when a document or passage does not exist.
var ErrNotFound = errors.New("not found")

// ImportDocument stores a parsed document and its passages, all or nothing.
// Importing content that is already present is a no-op that says so. The
// window and the CLI import through ImportFiles and ImportText; this stays
// exported for tests outside store that store hand-built documents (paged
// ones, which no reader in ingest delivers yet).
func (s *Store) ImportDocument(ctx context.Context, doc *ingest.Document) (ImportResult, error) {
	return s.importOne(ctx, doc, anyEarlier)
}

// importOne is ImportDocument, looking for an earlier version of doc among
// the documents up to floor (see earlierVersion).
func (s *Store) importOne(ctx context.Context, doc *ingest.Document, floor *earlierFloor) (ImportResult, error) {
	return s.importOneWith(ctx, doc, floor, nil)
}

// importOneWith is importOne that also runs withDocument (if not nil) in
// the document's transaction, once it is stored: a new document only.
func (s *Store) importOneWith(ctx context.Context, doc *ingest.Document, floor *earlierFloor, withDocument func(context.Context, *sql.Tx)) (ImportResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, err
	}
	defer tx.Rollback()
	m, err := loadMatcher(ctx, tx, nil)
	if err != nil {
		return ImportResult{}, err
	}
	res, err := importDocument(ctx, tx, doc, deflate(doc.Text), m, s.now(), floor)
	if err != nil || res.AlreadyPresent {
		return res, err
	}
	if err := indexDocuments(ctx, tx, []ImportResult{res}); err != nil {
		return ImportResult{}, fmt.Errorf("%s: indexing: %w", doc.FileName, err)
	}
	if withDocument != nil {
		withDocument(ctx, tx)
	}
	if err := tx.Commit(); err != nil {
		if err := s.fileErr(err); IsFileError(err) {
			return ImportResult{}, err
		}
		return ImportResult{}, fmt.Errorf("%s: %w", doc.FileName, err)
	}
	return res, nil
}

// importDocuments stores many documents quickly: all in one transaction,
// since each commit makes FTS5 write and merge index segments. Each document
// is still all or nothing: if any fails, the batch is rolled back and the
// documents are imported one by one, so the good ones land and the failure is
// reported against its own document. errs[i] is document i's error. floor
// is the largest document id before the import began (see earlierVersion).
func (s *Store) importDocuments(ctx context.Context, docs []*ingest.Document, floor *earlierFloor) (results []ImportResult, errs []error) {
	results, errs = make([]ImportResult, len(docs)), make([]error, len(docs))
	// A failure of the research file itself (read-only, locked, disk
	// full) is no document's fault: retrying one by one would only blame
	// each of them.
	err := s.importBatch(ctx, docs, results, floor)
	if errors.Is(err, ErrFileReplaced) {
		if lost := s.stillAtPath(); lost != nil {
			err = lost // with the copy it kept named
		}
	}
	if err == nil || ctx.Err() != nil || IsFileError(err) {
		for i := range errs {
			errs[i] = err
		}
		return results, errs
	}
	for i, d := range docs {
		results[i], errs[i] = s.importOne(ctx, d, floor)
	}
	return results, errs
}

func (s *Store) importBatch(ctx context.Context, docs []*ingest.Document, results []ImportResult, floor *earlierFloor) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// One matcher for the whole batch: the tags cannot change under this
	// transaction, and building it is a query and a map per tag name.
	m, err := loadMatcher(ctx, tx, nil)
	if err != nil {
		return s.fileErr(err)
	}
	copies := deflateAhead(ctx, docs)
	for i, d := range docs {
		if results[i], err = importDocument(ctx, tx, d, copies(i), m, s.now(), floor); err != nil {
			return s.fileErr(err)
		}
	}
	if err := indexDocuments(ctx, tx, results); err != nil {
		return s.fileErr(fmt.Errorf("indexing: %w", err))
	}
	// A batch takes a while: the file may have been replaced meanwhile,
	// and documents committed into it now would be reported but lost.
	// (importDocuments makes it safe once this transaction is over.)
	if !s.atPath() {
		return s.replacedErr()
	}
	return s.fileErr(tx.Commit())
}

// indexDocuments adds newly imported documents' passages to the full-text
// index in one statement, the transaction's last (see migration 0003): FTS5
// writes out its pending index data at every statement savepoint that
// follows a write to it, so indexing last writes one segment per
// transaction instead of one per statement.
//
// FTS5's automerge is off while that segment is written (the setting is
// changed and restored inside the transaction, so the file never keeps it
// off): merging a little after every batch rewrites the same index data
// again and again; afterImport merges once, when the whole import is in.
func indexDocuments(ctx context.Context, tx *sql.Tx, imported []ImportResult) error {
	var ids []int64
	for _, r := range imported {
		if !r.AlreadyPresent && r.DocumentID != 0 {
			ids = append(ids, r.DocumentID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var automerge int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT v FROM passages_fts_config WHERE k = 'automerge'), ?)`,
		defaultAutomerge).Scan(&automerge); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 0)`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts (rowid, text)
		SELECT id, text FROM passages WHERE document_id IN (`+joinIDs(ids)+`) ORDER BY id`); err != nil {
		return err
	}
	// This statement's savepoint writes the new segment, automerge still off.
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', ?)`, automerge); err != nil {
		return err
	}
	return refreshDocumentLengths(ctx, tx, ids...)
}

// earlierFloor bounds an import's look for earlier versions: the largest
// document id before it began. It is lowered when one of the import's own
// documents is given an id at or below it: SQLite gives the id of the
// newest document again once it is deleted, and with the newest deleted
// meanwhile (dossier docs --delete, another program) the import's first
// "notes.txt" took its id and its second was said to be a later version
// of it (a hostile pass).
type earlierFloor struct{ id int64 }

// newEarlierFloor is the floor of an import beginning now.
func (s *Store) newEarlierFloor(ctx context.Context) (*earlierFloor, error) {
	var f earlierFloor
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM documents`).Scan(&f.id)
	return &f, err
}

// anyEarlier is the floor of an import that is one document: any document
// already stored may be its earlier version.
var anyEarlier *earlierFloor

// below is the largest id an earlier version may have.
func (f *earlierFloor) below() int64 {
	if f == nil {
		return math.MaxInt64
	}
	return f.id
}

// stored lowers the floor below id, a document the import stored.
func (f *earlierFloor) stored(id int64) {
	if f != nil && id <= f.id {
		f.id = id - 1
	}
}

// earlierVersion finds the newest document of doc's title and file name
// (documents_title_file) with an id up to floor, nil when there is none or
// doc has no file name (pasted text). An import of files passes the
// largest id before it began: "a/notes.txt" and "b/notes.txt" of one
// folder's import are two files, neither the other's earlier version (the
// second was said to be, imported the same minute).
func earlierVersion(ctx context.Context, tx *sql.Tx, doc *ingest.Document, floor *earlierFloor) (*EarlierVersion, error) {
	if doc.FileName == "" {
		return nil, nil
	}
	var e EarlierVersion
	var at string
	err := tx.QueryRowContext(ctx, `SELECT id, imported_at FROM documents WHERE title = ? AND file_name = ? AND id <= ? ORDER BY id DESC LIMIT 1`,
		doc.Title, doc.FileName, floor.below()).Scan(&e.DocumentID, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	e.Imported = parseTime(at)
	return &e, err
}

// otherVersions are the versions of the documents titled title other than
// document id, lowest first; nil where any is not known (0: rows another
// program wrote), or one is held twice, as the library then numbers them
// by import instead.
func otherVersions(ctx context.Context, tx *sql.Tx, title string, id int64) ([]int, error) {
	versions, err := queryAll(ctx, tx, func(sc scanner) (int, error) {
		var v int
		return v, sc.Scan(&v)
	}, `SELECT version FROM documents WHERE title = ? AND id != ? ORDER BY version`, title, id)
	if err != nil {
		return nil, err
	}
	for i, v := range versions {
		if v < 1 || i > 0 && versions[i-1] == v {
			return nil, nil
		}
	}
	return versions, nil
}

// importDocument stores doc and its passages in tx, with z its text
// deflated (see deflate), and suggests the tags of m (the research file's,
// loaded in tx) mentioned in them.
func importDocument(ctx context.Context, tx *sql.Tx, doc *ingest.Document, z []byte, m *mentionMatcher, at time.Time, floor *earlierFloor) (ImportResult, error) {
	res := ImportResult{Title: doc.Title, Encoding: doc.Encoding}
	err := tx.QueryRowContext(ctx, `SELECT id, title, (SELECT count(*) FROM passages WHERE document_id = documents.id)
		FROM documents WHERE content_hash = ?`, doc.Hash).Scan(&res.DocumentID, &res.Title, &res.Passages)
	if err == nil {
		res.AlreadyPresent = true
		return res, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return res, err
	}
	if res.Earlier, err = earlierVersion(ctx, tx, doc, floor); err != nil {
		return res, err
	}
	spans := make([][2]int, len(doc.Passages))
	for i, p := range doc.Passages {
		if p.Start < 0 || p.End > len(doc.Text) || p.End <= p.Start {
			return res, fmt.Errorf("%s: passage %d has bad offsets [%d,%d)", doc.FileName, i+1, p.Start, p.End)
		}
		spans[i] = [2]int{p.Start, p.End}
	}
	// The passages hold the text whole, the row a deflated copy (see doctext.go).
	leads, tail := splitText(doc.Text, spans)
	if z == nil {
		z = deflate(doc.Text)
	}
	version, err := nextVersion(ctx, tx, doc.Title)
	if err != nil {
		return res, fmt.Errorf("%s: numbering its version: %w", doc.FileName, err)
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO documents
		(title, source, author, published, url, file_name, photo_credit, format, content_hash, text, text_length, text_z, imported_at, pages, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.Title, doc.Source, doc.Author, doc.Published, doc.URL, doc.FileName, doc.PhotoCredit,
		doc.Format, doc.Hash, tail, len(doc.Text), z, at.UTC().Format(time.RFC3339), max(doc.Pages, 0), version)
	if err != nil {
		return res, fmt.Errorf("%s: storing document: %w", doc.FileName, err)
	}
	if res.DocumentID, err = r.LastInsertId(); err != nil {
		return res, err
	}
	res.Version = version
	if res.Earlier != nil {
		if res.Earlier.Versions, err = otherVersions(ctx, tx, doc.Title, res.DocumentID); err != nil {
			return res, err
		}
	}
	floor.stored(res.DocumentID)
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO passages (document_id, ordinal, start, end, text, lead, heading, footnote, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, err
	}
	defer stmt.Close()
	step := stepFor(ctx, doc)
	ids := make([]int64, len(doc.Passages))
	rows := rowContext(ctx)
	for i, p := range doc.Passages {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		r, err := stmt.ExecContext(rows, res.DocumentID, i+1, p.Start, p.End, doc.Text[p.Start:p.End], leads[i], p.Heading, p.Footnote, pageValue(p.Page))
		if err != nil {
			return res, fmt.Errorf("%s: storing passage %d: %w", doc.FileName, i+1, err)
		}
		if ids[i], err = r.LastInsertId(); err != nil {
			return res, err
		}
		if step != nil {
			step(i + 1)
		}
	}
	res.Passages = len(doc.Passages)
	// Suggest known actors and sources mentioned in the new passages, read
	// from the document in memory rather than back from the file.
	n := len(doc.Passages)
	var found []suggestion
	for i, p := range doc.Passages {
		found = m.suggest(ids[i], doc.Text[p.Start:p.End], found)
		if step != nil {
			step(n + i + 1)
		}
	}
	if err := insertSuggestions(ctx, tx, found, at); err != nil {
		return res, fmt.Errorf("%s: suggesting tags: %w", doc.FileName, err)
	}
	return res, nil
}

// rowContext is ctx for the many one-row statements of an import, which
// check ctx themselves between rows: the driver watches a cancellable
// context with a goroutine and a progress handler set up for each
// statement, about a tenth of the time a short row takes. Cancelling ctx
// still ends the import at once (at the next row), and database/sql rolls
// back the transaction begun with it.
func rowContext(ctx context.Context) context.Context {
	return context.WithoutCancel(ctx)
}

const documentColumns = `d.id, d.title, d.source, d.author, d.published, d.url, d.file_name, d.photo_credit,
	d.format, d.content_hash, d.imported_at, (SELECT count(*) FROM passages p WHERE p.document_id = d.id), d.pages, `

// versionsFrom is the schema version whose documents have their version
// (migration 0018).
const versionsFrom = 18

// documentColumnsIn is documentColumns for the file q reads: a read-only
// file of an older schema (readableFrom) has no versions, read as 0 (the
// library numbers its documents as it did before them).
func documentColumnsIn(ctx context.Context, q querier) (string, error) {
	var version int
	if err := q.QueryRowContext(ctx, `SELECT user_version FROM pragma_user_version`).Scan(&version); err != nil {
		return "", err
	}
	if version < versionsFrom {
		return documentColumns + "0", nil
	}
	return documentColumns + "d.version", nil
}

func scanDocument(sc scanner) (Document, error) {
	var d Document
	var imported string
	err := sc.Scan(&d.ID, &d.Title, &d.Source, &d.Author, &d.Published, &d.URL, &d.FileName, &d.PhotoCredit,
		&d.Format, &d.Hash, &imported, &d.Passages, &d.Pages, &d.Version)
	d.ImportedAt, _ = time.Parse(time.RFC3339, imported)
	return d, err
}

// Documents lists every document, by title as a reader orders titles:
// "Report 2" before "Report 10" (they came 1, 10, 100, 1000, 101…: found
// by a UI pass), letters whatever their case.
func (s *Store) Documents(ctx context.Context) ([]Document, error) {
	cols, err := documentColumnsIn(ctx, s.db)
	if err != nil {
		return nil, s.fileErr(err)
	}
	docs, err := queryAll(ctx, s.db, scanDocument, `SELECT `+cols+` FROM documents d ORDER BY d.title COLLATE NOCASE, d.id`)
	sortByTitle(docs)
	return docs, s.fileErr(err) // a file lacking a column: said in Dossier's words
}

// sortByTitle orders documents as the library lists them.
func sortByTitle(docs []Document) {
	slices.SortStableFunc(docs, func(a, b Document) int { return NaturalCompare(a.Title, b.Title) })
}

// NaturalCompare orders a and b with their runs of digits as numbers and
// their letters whatever their case, as a file manager orders names (the
// library's titles, the folder picker's names).
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
			return c
		}
		a, b = a[sa:], b[sb:]
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of the ASCII digits s begins with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// Document returns one document's metadata.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	return view{s.db}.document(ctx, id)
}

func (v view) document(ctx context.Context, id int64) (Document, error) {
	cols, err := documentColumnsIn(ctx, v.db)
	if err != nil {
		return Document{}, err
	}
	d, err := scanDocument(v.db.QueryRowContext(ctx, `SELECT `+cols+` FROM documents d WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return d, err
}

const passageColumns = `id, document_id, ordinal, start, end, text, heading, footnote, coalesce(page, 0)`

func scanPassage(sc scanner) (Passage, error) {
	var p Passage
	err := sc.Scan(&p.ID, &p.DocumentID, &p.Ordinal, &p.Start, &p.End, &p.Text, &p.Heading, &p.Footnote, &p.Page)
	return p, err
}

// pageValue is how a passage's page is stored: NULL when the document has
// no pages, so that no page filter matches it.
func pageValue(page int) any {
	if page <= 0 {
		return nil
	}
	return page
}

// Passages returns a document's passages in order.
func (s *Store) Passages(ctx context.Context, documentID int64) ([]Passage, error) {
	return view{s.db}.passages(ctx, documentID)
}

func (v view) passages(ctx context.Context, documentID int64) ([]Passage, error) {
	return queryAll(ctx, v.db, scanPassage, `SELECT `+passageColumns+` FROM passages WHERE document_id = ? ORDER BY ordinal`, documentID)
}

// Passage returns one passage.
func (s *Store) Passage(ctx context.Context, id int64) (Passage, error) {
	return view{s.db}.passage(ctx, id)
}

func (v view) passage(ctx context.Context, id int64) (Passage, error) {
	p, err := scanPassage(v.db.QueryRowContext(ctx, `SELECT `+passageColumns+` FROM passages WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("passage %d: %w", id, ErrNotFound)
	}
	return p, err
}

// seedKey records that the default corpus was imported, so deleting it later
// does not bring it back.
const seedKey = "default_corpus_imported"

// ensureDefaultCorpus imports the default corpus the first time a research
// file is created, and never again.
func (s *Store) ensureDefaultCorpus(ctx context.Context, name string, data []byte) error {
	if s.ReadOnly() {
		return nil // nothing can be added; the file is shown as it is
	}
	if _, done, err := getMeta(ctx, s.db, seedKey); err != nil || done {
		return err
	}
	doc, err := ingest.Parse(name, data)
	if err != nil {
		return fmt.Errorf("default corpus: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, done, err := getMeta(ctx, tx, seedKey); err != nil || done {
		return err
	}
	m, err := loadMatcher(ctx, tx, nil)
	if err != nil {
		return err
	}
	res, err := importDocument(ctx, tx, doc, deflate(doc.Text), m, s.now(), anyEarlier)
	if err != nil {
		return fmt.Errorf("default corpus: %w", err)
	}
	if err := setMeta(ctx, tx, seedKey, s.now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	if err := indexDocuments(ctx, tx, []ImportResult{res}); err != nil {
		return fmt.Errorf("default corpus: indexing: %w", err)
	}
	// A new research file opens with the article's claims suggested (the
	// gazetteer came first, so their sources and actors are tags).
	sg, err := claimSuggester(ctx, tx)
	if err != nil {
		return err
	}
	text, err := readDocText(ctx, tx, sg, res.DocumentID)
	if err != nil {
		return fmt.Errorf("default corpus: claims: %w", err)
	}
	if _, _, err := suggestDocumentClaims(ctx, tx, sg, text, res.DocumentID, res.Title, "", s.now()); err != nil {
		return fmt.Errorf("default corpus: claims: %w", err)
	}
	if err := markSeededTx(ctx, tx, s.real); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}
