package store

import (
	"context"
	"sort"

	"dossier/store/claims"
)

// The corroboration matrix (issue 14): claims × sources. Claims linked as
// the same assertion form one row; each source that asserts or denies it
// has a mark in its column. At a glance: which claims rest on one source,
// which are repeated, which are disputed.

// MatrixMark is what a source says of a row's assertion.
type MatrixMark int

const (
	MarkNone    MatrixMark = iota // the source says nothing of it
	MarkAsserts                   // ✓
	MarkDenies                    // ✗
	MarkBoth                      // the source asserts it in one place and denies it in another
)

// ClaimMatrix is the corroboration matrix of the claims a query chooses.
type ClaimMatrix struct {
	Sources []MatrixSource // the columns: sources with claims in the rows, most rows first
	Rows    []MatrixRow    // in reading order of their first claim
}

// MatrixSource is a column of the matrix.
type MatrixSource struct {
	ID   int64
	Name string
	Rows int // how many rows it marks
}

// MatrixRow is one assertion: a claim and those linked to it as the same.
type MatrixRow struct {
	Claims []Claim // in reading order; Claims[0] names the row
	// Marks has one entry per column of the matrix.
	Marks []MatrixMark
	// Contradicts lists the rows (indexes into ClaimMatrix.Rows) linked as
	// contradicting one of this row's claims.
	Contradicts []int
}

// SourceCount is how many sources assert or deny the row's assertion.
func (r MatrixRow) SourceCount() int {
	n := 0
	for _, m := range r.Marks {
		if m != MarkNone {
			n++
		}
	}
	return n
}

// Disputed reports whether one source denies what another asserts (or one
// source says both), or the row is linked as contradicting another.
func (r MatrixRow) Disputed() bool {
	var asserts, denies bool
	for _, m := range r.Marks {
		asserts = asserts || m == MarkAsserts || m == MarkBoth
		denies = denies || m == MarkDenies || m == MarkBoth
	}
	return asserts && denies || len(r.Contradicts) > 0
}

// ClaimMatrix builds the corroboration matrix of the claims q chooses, in
// one read transaction. Links to claims q does not choose are left out.
func (s *Store) ClaimMatrix(ctx context.Context, q ClaimQuery) (ClaimMatrix, error) {
	where, args, err := s.claimWhere(ctx, q)
	if err != nil {
		return ClaimMatrix{}, err
	}
	var cs []Claim
	err = s.readTx(ctx, func(v view) error {
		cs, err = v.claims(ctx, where, args)
		return err
	})
	if err != nil {
		return ClaimMatrix{}, err
	}
	return buildMatrix(cs), nil
}

// buildMatrix groups claims (in reading order) into rows by their "same"
// links and marks each row's sources.
func buildMatrix(cs []Claim) ClaimMatrix {
	index := make(map[int64]int, len(cs))
	for i, c := range cs {
		index[c.ID] = i
	}
	// Union-find over the "same" links: a row is a connected group.
	parent := make([]int, len(cs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, c := range cs {
		for _, id := range c.SameAs {
			if j, ok := index[id]; ok {
				a, b := find(i), find(j)
				parent[max(a, b)] = min(a, b) // the earlier claim leads
			}
		}
	}
	var m ClaimMatrix
	rowOf := make([]int, len(cs))
	rowOfRoot := map[int]int{}
	for i := range cs {
		root := find(i)
		r, ok := rowOfRoot[root]
		if !ok {
			r = len(m.Rows)
			rowOfRoot[root] = r
			m.Rows = append(m.Rows, MatrixRow{})
		}
		rowOf[i] = r
		m.Rows[r].Claims = append(m.Rows[r].Claims, cs[i])
	}

	// Columns: every source that marks a row, most rows first.
	type mark struct {
		row    int
		source int64
	}
	marks := map[mark]MatrixMark{}
	names := map[int64]string{}
	for i, c := range cs {
		if c.SourceID == 0 {
			continue
		}
		names[c.SourceID] = c.Source
		k := mark{rowOf[i], c.SourceID}
		add := MarkAsserts
		if c.Stance == claims.Denies {
			add = MarkDenies
		}
		if have := marks[k]; have != MarkNone && have != add {
			add = MarkBoth
		}
		marks[k] = add
	}
	counts := map[int64]int{}
	for k := range marks {
		counts[k.source]++
	}
	for id, n := range counts {
		m.Sources = append(m.Sources, MatrixSource{ID: id, Name: names[id], Rows: n})
	}
	sort.Slice(m.Sources, func(a, b int) bool {
		x, y := m.Sources[a], m.Sources[b]
		if x.Rows != y.Rows {
			return x.Rows > y.Rows
		}
		return x.Name < y.Name
	})
	for r := range m.Rows {
		row := &m.Rows[r]
		row.Marks = make([]MatrixMark, len(m.Sources))
		for col, src := range m.Sources {
			row.Marks[col] = marks[mark{r, src.ID}]
		}
		seen := map[int]bool{}
		for _, c := range row.Claims {
			for _, id := range c.Contradicts {
				if j, ok := index[id]; ok && rowOf[j] != r && !seen[rowOf[j]] {
					seen[rowOf[j]] = true
					row.Contradicts = append(row.Contradicts, rowOf[j])
				}
			}
		}
		sort.Ints(row.Contradicts)
	}
	return m
}
