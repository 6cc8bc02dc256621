package document

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRealWorldProbe(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("PAGES") + "/*.html")
	n, errs := 0, 0
	var slowest time.Duration
	for i, f := range files {
		if i >= 60 {
			break
		}
		start := time.Now()
		d, err := ReadFile(context.Background(), f)
		el := time.Since(start)
		slowest = max(slowest, el)
		n++
		if err != nil {
			errs++
			fmt.Println("ERR", err)
			continue
		}
		if i%6 == 0 {
			paras := strings.Split(d.Text, "\n\n")
			fmt.Printf("== %s %v\n  H=%q B=%q P=%q D=%s S=%s paras=%d\n  first=%.100q\n  last=%.150q\n", filepath.Base(f), el, d.Headline, d.Byline, d.Publisher, dateString(d.Published), d.Source, len(paras), paras[0], paras[len(paras)-1])
		}
	}
	fmt.Println(n, errs, slowest)
}
