package queries

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// MaxCell is the widest a table cell gets (in runes) before it is cut with "…".
const MaxCell = 80

// Table is rows of text cells under a header, rendered aligned.
type Table struct {
	Header []string
	Rows   [][]string
	// MaxCell is the widest a cell gets (in runes) before it is cut with
	// "…": 0 means the package's MaxCell, < 0 no limit.
	MaxCell int
}

// Write renders t aligned with text/tabwriter. Tabs and newlines in cells
// become spaces and long cells are cut to t.MaxCell runes. An empty table
// prints "(no results)".
func (t Table) Write(w io.Writer) error {
	if len(t.Rows) == 0 {
		_, err := fmt.Fprintln(w, "(no results)")
		return err
	}
	width := t.MaxCell
	if width == 0 {
		width = MaxCell
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, cell(c, width))
		}
		fmt.Fprint(tw, "\n")
	}
	line(t.Header)
	for _, r := range t.Rows {
		line(r)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func cell(s string, width int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); width > 0 && len(r) > width {
		s = string(r[:width-1]) + "…"
	}
	return s
}

// WriteJSON writes v as indented JSON, without HTML escaping.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// limit keeps the first n rows (all when n <= 0).
func limit[T any](rows []T, n int) []T {
	if n > 0 && len(rows) > n {
		return rows[:n]
	}
	return rows
}

// render writes rows as JSON (an array, [] when empty) or as a table.
func render[T any](w io.Writer, o Options, rows []T, header []string, cells func(T) []string) error {
	rows = limit(rows, o.Limit)
	if o.JSON {
		if rows == nil {
			rows = []T{}
		}
		return WriteJSON(w, rows)
	}
	t := Table{Header: header}
	for _, r := range rows {
		t.Rows = append(t.Rows, cells(r))
	}
	return t.Write(w)
}

func yes(b bool, s string) string {
	if b {
		return s
	}
	return ""
}

func conf(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// relText is a fact's relation for a table: the relation as written, or
// its lemma, with "NOT" when negated.
func relText(f Fact) string {
	r := f.RelationText
	if r == "" {
		r = strings.ReplaceAll(f.Relation, "_", " ")
	}
	if f.Negated && !saysNot(r) {
		r = "NOT " + r
	}
	return r
}

// saysNot reports whether a relation as written already carries its negation.
func saysNot(r string) bool {
	for _, w := range strings.Fields(strings.ToLower(r)) {
		if w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return true
		}
	}
	return false
}

// objText is a fact's object with its extra arguments:
// "North Korean soldiers (to Pyongyang)".
func objText(f Fact) string {
	var args []string
	for _, a := range f.Args {
		args = append(args, strings.TrimSpace(a.Prep+" "+a.Text))
	}
	if len(args) == 0 {
		return f.ObjectLabel
	}
	return strings.TrimSpace(f.ObjectLabel + " (" + strings.Join(args, ", ") + ")")
}

func when(f Fact) string {
	switch {
	case f.Date != "":
		return f.Date
	default:
		return f.Time
	}
}

// writeGizmo writes Gizmo results as JSON lines (one result a line) or a
// table whose columns are the tags, "id" first.
func writeGizmo(w io.Writer, o Options, rs []any) error {
	if o.JSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rs {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write json: %w", err)
			}
		}
		return nil
	}
	cols := map[string]bool{}
	allMaps := true
	for _, r := range rs {
		m, ok := r.(map[string]any)
		if !ok {
			allMaps = false
			break
		}
		for k := range m {
			cols[k] = true
		}
	}
	t := Table{}
	if !allMaps || len(cols) == 0 {
		t.Header = []string{"RESULT"}
		for _, r := range rs {
			t.Rows = append(t.Rows, []string{jsonText(r)})
		}
		return t.Write(w)
	}
	var keys []string
	for k := range cols {
		if k != "id" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if cols["id"] {
		keys = append([]string{"id"}, keys...)
	}
	for _, k := range keys {
		t.Header = append(t.Header, strings.ToUpper(k))
	}
	for _, r := range rs {
		m := r.(map[string]any)
		row := make([]string, len(keys))
		for i, k := range keys {
			if v, ok := m[k]; ok {
				row[i] = jsonText(v)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t.Write(w)
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
