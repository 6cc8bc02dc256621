package extract

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteCaRB writes exts in CaRB's tabbed format, one line per extraction:
// sentence, confidence, relation, arg1, arg2[, arg3…]. Passives with an
// agent are written in their surface order (patient, "were captured by",
// agent), as CaRB's gold has them. Extractions with fewer than two
// arguments are left out: CaRB scores them zero against every gold tuple.
func WriteCaRB(w io.Writer, sentence string, exts []Extraction) error {
	bw := bufio.NewWriter(w)
	sentence = clean(sentence)
	for i := range exts {
		e := &exts[i]
		rel, arg1, args, ok := CaRBTuple(e)
		if !ok {
			continue
		}
		fmt.Fprintf(bw, "%s\t%.4f\t%s\t%s", sentence, e.Confidence, rel, arg1)
		for _, a := range args {
			bw.WriteByte('\t')
			bw.WriteString(a)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write carb: %w", err)
	}
	return nil
}

// CaRBTuple returns the fields WriteCaRB writes for e after the confidence:
// relation, first argument and the further arguments, with tabs and line
// breaks replaced by spaces. ok is false for an extraction WriteCaRB leaves
// out (fewer than two arguments, or no relation).
func CaRBTuple(e *Extraction) (rel, arg1 string, args []string, ok bool) {
	arg1, arg2 := e.Subject.Text, e.Object.Text
	if e.Passive {
		arg1, arg2 = arg2, arg1
	}
	if arg2 != "" {
		args = append(args, arg2)
	}
	for _, a := range e.Args {
		if t := a.Text(); t != "" {
			args = append(args, t)
		}
	}
	if arg1 == "" || len(args) == 0 || e.Relation == "" {
		return "", "", nil, false
	}
	rel = e.Relation
	switch e.Kind {
	case Appos, Title:
		rel = "be" // a noun phrase states no tense
	case Nmod:
		rel = "be " + strings.TrimPrefix(rel, "is ")
	}
	for i := range args {
		args[i] = clean(args[i])
	}
	return clean(rel), clean(arg1), args, true
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
