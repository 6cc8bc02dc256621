package link

import (
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/data"
)

// BundledName is the name links from the bundled knowledge base carry
// (graph.Link.KB).
const BundledName = "bundled"

var bundled struct {
	once sync.Once
	kb   *MemKB
	err  error
}

// Bundled returns the bundled knowledge base (data/kb/bundled.tsv,
// embedded), parsed once per process. Do not Close it.
func Bundled() (*MemKB, error) {
	bundled.once.Do(func() {
		items, err := ReadTSV(strings.NewReader(data.BundledKB), "data/kb/bundled.tsv")
		if err != nil {
			bundled.err = err
			return
		}
		bundled.kb = NewMemKB(items)
	})
	return bundled.kb, bundled.err
}
