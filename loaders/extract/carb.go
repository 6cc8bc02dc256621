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
	for _, e := range exts {
		arg1, arg2 := e.Subject.Text, e.Object.Text
		if e.Passive {
			arg1, arg2 = arg2, arg1
		}
		args := []string{}
		if arg2 != "" {
			args = append(args, arg2)
		}
		for _, a := range e.Args {
			if t := a.Text(); t != "" {
				args = append(args, t)
			}
		}
		if arg1 == "" || len(args) == 0 || e.Relation == "" {
			continue
		}
		rel := e.Relation
		switch e.Kind {
		case Appos, Title:
			rel = "be" // a noun phrase states no tense
		case Nmod:
			rel = "be " + strings.TrimPrefix(rel, "is ")
		}
		fmt.Fprintf(bw, "%s\t%.4f\t%s\t%s", sentence, e.Confidence, clean(rel), clean(arg1))
		for _, a := range args {
			bw.WriteByte('\t')
			bw.WriteString(clean(a))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write carb: %w", err)
	}
	return nil
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
