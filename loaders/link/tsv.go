package link

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// tsvHeader names the columns of the TSV form of a knowledge base; list
// columns are joined with "|".
const tsvHeader = "id\tiri\ttype\tlabel\tcountry\tcapital\tlat\tlon\tpopulation\tprior\tnames\tcodes\tdemonyms\tsameas"

// WriteTSV writes items in the TSV form ReadTSV reads (the form of the
// bundled knowledge base, data/kb/bundled.tsv).
func WriteTSV(w io.Writer, items []Item) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, tsvHeader)
	for _, it := range items {
		lat, lon := "", ""
		if it.HasCoord {
			lat, lon = strconv.FormatFloat(it.Lat, 'f', -1, 64), strconv.FormatFloat(it.Lon, 'f', -1, 64)
		}
		pop := ""
		if it.Population > 0 {
			pop = strconv.FormatInt(it.Population, 10)
		}
		iri := it.IRI
		if iri == WikidataNS+it.ID {
			iri = "" // implied
		}
		fmt.Fprintln(bw, strings.Join([]string{it.ID, iri, it.Type, it.Label, it.Country, it.Capital, lat, lon, pop,
			strconv.FormatFloat(it.Prior, 'f', -1, 64), strings.Join(it.Names, "|"), strings.Join(it.Codes, "|"),
			strings.Join(it.Demonyms, "|"), strings.Join(it.SameAs, "|")}, "\t"))
	}
	return bw.Flush()
}

// ReadTSV reads items written by WriteTSV; name names the input in errors.
func ReadTSV(r io.Reader, name string) ([]Item, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var items []Item
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 {
			if t != tsvHeader {
				return nil, fmt.Errorf("%s: not a knowledge base TSV (header %.40q)", name, t)
			}
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 14 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 14", name, line, len(f))
		}
		it := Item{ID: f[0], IRI: f[1], Type: f[2], Label: f[3], Country: f[4], Capital: f[5],
			Names: split(f[10]), Codes: split(f[11]), Demonyms: split(f[12]), SameAs: split(f[13])}
		if it.IRI == "" {
			it.IRI = WikidataNS + it.ID
		}
		var err error
		if f[6] != "" {
			it.HasCoord = true
			if it.Lat, err = strconv.ParseFloat(f[6], 64); err == nil {
				it.Lon, err = strconv.ParseFloat(f[7], 64)
			}
		}
		if err == nil && f[8] != "" {
			it.Population, err = strconv.ParseInt(f[8], 10, 64)
		}
		if err == nil {
			it.Prior, err = strconv.ParseFloat(f[9], 64)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return items, nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}
