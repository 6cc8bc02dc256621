package link

import (
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/boltdb/bolt"
)

// The on-disk knowledge base is a bolt file (a B+tree in one file, read
// through mmap): it is opened, not loaded, so a KB of many gigabytes costs
// only the pages a lookup touches.
//
//	meta   "format" → FileFormat; "source", "items", "built"
//	items  ID → the Item as JSON
//	names  Norm(name) + 0x00 + ID → the Match byte ('l', 'n', 'c', 'd')
var (
	bucketMeta  = []byte("meta")
	bucketItems = []byte("items")
	bucketNames = []byte("names")
)

// FileFormat identifies newsgraph knowledge base files.
const FileFormat = "newsgraph-kb 1"

var matchByte = map[Match]byte{MatchLabel: 'l', MatchName: 'n', MatchCode: 'c', MatchDemonym: 'd'}
var byteMatch = map[byte]Match{'l': MatchLabel, 'n': MatchName, 'c': MatchCode, 'd': MatchDemonym}

// FileKB is a knowledge base file written by BuildFile.
type FileKB struct {
	db *bolt.DB
}

// OpenFile opens a knowledge base file for reading.
func OpenFile(path string) (*FileKB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o444, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", path, err)
	}
	var format string
	db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			format = string(b.Get([]byte("format")))
		}
		return nil
	})
	if format != FileFormat {
		db.Close()
		return nil, fmt.Errorf("knowledge base %s: not a newsgraph knowledge base (build one with newsgraph kb build)", path)
	}
	return &FileKB{db: db}, nil
}

// Candidates implements KB.
func (kb *FileKB) Candidates(_ context.Context, name string) ([]Candidate, error) {
	k := Norm(name)
	if k == "" {
		return nil, nil
	}
	prefix := append([]byte(k), 0)
	var out []Candidate
	err := kb.db.View(func(tx *bolt.Tx) error {
		items := tx.Bucket(bucketItems)
		c := tx.Bucket(bucketNames).Cursor()
		for key, v := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, v = c.Next() {
			raw := items.Get(key[len(prefix):])
			if raw == nil {
				continue
			}
			var it Item
			if err := json.Unmarshal(raw, &it); err != nil {
				return fmt.Errorf("item %s: %w", key[len(prefix):], err)
			}
			m := MatchName
			if len(v) > 0 {
				m = byteMatch[v[0]]
			}
			out = append(out, Candidate{Item: it, Match: m})
		}
		return nil
	})
	return out, err
}

// Item implements KB.
func (kb *FileKB) Item(_ context.Context, id string) (Item, bool, error) {
	var it Item
	var ok bool
	err := kb.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketItems).Get([]byte(id))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &it)
	})
	return it, ok, err
}

// Meta returns the file's metadata ("source", "items", "built").
func (kb *FileKB) Meta() map[string]string {
	m := map[string]string{}
	kb.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).ForEach(func(k, v []byte) error {
			m[string(k)] = string(v)
			return nil
		})
	})
	return m
}

// Close implements KB.
func (kb *FileKB) Close() error { return kb.db.Close() }

// BuildOptions control BuildFile.
type BuildOptions struct {
	// MinSitelinks keeps only items with at least this many sitelinks
	// (Wikipedia and sister-project pages): the popularity filter.
	MinSitelinks int
	// Workers decode entities in parallel; 0 means GOMAXPROCS.
	Workers int
	// Batch is the number of items written per transaction; 0 means 5000.
	Batch int
	// Progress, when set, is called every Batch entities.
	Progress func(BuildStats)
}

// BuildStats count what BuildFile read and kept.
type BuildStats struct {
	Lines     int           // entity lines read
	Kept      int           // items written
	Skipped   int           // well-formed entities not kept (no English label, a property, too few sitelinks)
	Malformed int           // lines that are not a JSON entity: counted and skipped
	FirstBad  string        // "line N: error" of the first malformed line
	Elapsed   time.Duration //
}

// Rate is the build rate in entity lines per second.
func (s BuildStats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Lines) / s.Elapsed.Seconds()
}

// OpenDump opens a Wikidata JSON dump, decompressing gzip or bzip2 (by
// content, whatever the file is called).
func OpenDump(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 3)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	switch {
	case n >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		gz, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return readCloser{gz, f}, nil
	case n == 3 && string(head) == "BZh":
		return readCloser{bzip2.NewReader(f), f}, nil
	}
	return f, nil
}

type readCloser struct {
	io.Reader
	c io.Closer
}

func (r readCloser) Close() error { return r.c.Close() }

// BuildFile streams a Wikidata JSON dump from r into a new knowledge base
// file at path (written to path+".tmp" and renamed when complete, so an
// interrupted build leaves no half file). Memory is bounded by the batch
// size, whatever the dump's size. source names the dump in the file's
// metadata and in errors.
func BuildFile(ctx context.Context, r io.Reader, source, path string, opts BuildOptions) (BuildStats, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Batch <= 0 {
		opts.Batch = 5000
	}
	tmp := path + ".tmp"
	os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o644, &bolt.Options{Timeout: 5 * time.Second, NoGrowSync: true})
	if err != nil {
		return BuildStats{}, fmt.Errorf("%s: %w", tmp, err)
	}
	db.NoSync = true
	fail := func(err error) (BuildStats, error) {
		db.Close()
		os.Remove(tmp)
		return BuildStats{}, err
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketItems, bucketNames} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fail(err)
	}

	type job struct {
		no   int
		line []byte
	}
	type parsed struct {
		no        int
		it        Item
		sitelinks int
		ok        bool
		err       error
	}
	jobs := make(chan job, opts.Workers*64)
	results := make(chan parsed, opts.Workers*64)
	var wg sync.WaitGroup
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				it, sl, ok, err := ParseWikidataEntity(j.line)
				results <- parsed{j.no, it, sl, ok, err}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		err := DumpLines(r, func(no int, line []byte) error {
			select {
			case jobs <- job{no, line}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(jobs)
		wg.Wait()
		close(results)
		readErr <- err
	}()

	var st BuildStats
	batch := make([]Item, 0, opts.Batch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := writeItems(db, batch)
		batch = batch[:0]
		return err
	}
	var writeErr error
	for p := range results {
		if writeErr != nil {
			continue // drain
		}
		st.Lines++
		switch {
		case p.err != nil:
			st.Malformed++
			if st.FirstBad == "" {
				st.FirstBad = fmt.Sprintf("line %d: %v", p.no, p.err)
			}
		case !p.ok || p.sitelinks < opts.MinSitelinks:
			st.Skipped++
		default:
			st.Kept++
			batch = append(batch, p.it)
			if len(batch) == opts.Batch {
				writeErr = flush()
				if opts.Progress != nil {
					st.Elapsed = time.Since(start)
					opts.Progress(st)
				}
			}
		}
	}
	if err := <-readErr; err != nil {
		return fail(fmt.Errorf("%s: %w", source, err))
	}
	if writeErr != nil {
		return fail(writeErr)
	}
	if err := flush(); err != nil {
		return fail(err)
	}
	st.Elapsed = time.Since(start)
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		for k, v := range map[string]string{"format": FileFormat, "source": filepath.Base(source),
			"items": fmt.Sprint(st.Kept), "built": time.Now().UTC().Format(time.RFC3339)} {
			if err := b.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fail(err)
	}
	if err := db.Sync(); err != nil {
		return fail(err)
	}
	if err := db.Close(); err != nil {
		os.Remove(tmp)
		return BuildStats{}, err
	}
	if st.Kept == 0 && st.Lines > 0 && st.Malformed == st.Lines {
		os.Remove(tmp)
		return st, fmt.Errorf("%s: no line is a Wikidata entity (%s)", source, st.FirstBad)
	}
	return st, os.Rename(tmp, path)
}

// writeItems writes a batch of items and their names in one transaction,
// keys sorted (bolt writes sorted keys fastest).
func writeItems(db *bolt.DB, items []Item) error {
	type kv struct{ k, v []byte }
	var names, recs []kv
	for _, it := range items {
		raw, err := json.Marshal(it)
		if err != nil {
			return err
		}
		recs = append(recs, kv{[]byte(it.ID), raw})
		add := func(n string, m Match) {
			if k := Norm(n); k != "" {
				names = append(names, kv{[]byte(k + "\x00" + it.ID), []byte{matchByte[m]}})
			}
		}
		for i := len(it.Demonyms) - 1; i >= 0; i-- {
			add(it.Demonyms[i], MatchDemonym)
		}
		for _, n := range it.Codes {
			add(n, MatchCode)
		}
		for _, n := range it.Names {
			add(n, MatchName)
		}
		add(it.Label, MatchLabel)
	}
	// For one name and item the best match is written last and wins.
	sort.SliceStable(recs, func(i, j int) bool { return bytes.Compare(recs[i].k, recs[j].k) < 0 })
	sort.SliceStable(names, func(i, j int) bool { return bytes.Compare(names[i].k, names[j].k) < 0 })
	return db.Update(func(tx *bolt.Tx) error {
		ib, nb := tx.Bucket(bucketItems), tx.Bucket(bucketNames)
		for _, r := range recs {
			if err := ib.Put(r.k, r.v); err != nil {
				return err
			}
		}
		for i, n := range names {
			if i+1 < len(names) && bytes.Equal(names[i+1].k, n.k) {
				if rank(byteMatch[names[i+1].v[0]]) > rank(byteMatch[n.v[0]]) {
					names[i+1].v = n.v // keep the better match
				}
				continue
			}
			if old := nb.Get(n.k); old != nil && rank(byteMatch[old[0]]) < rank(byteMatch[n.v[0]]) {
				continue
			}
			if err := nb.Put(n.k, n.v); err != nil {
				return err
			}
		}
		return nil
	})
}

// OpenKB opens a knowledge base by file: a TSV (the bundled format, read
// into memory) or a file built by BuildFile (opened, not loaded).
func OpenKB(path string) (KB, error) {
	if strings.HasSuffix(path, ".tsv") {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		items, err := ReadTSV(f, path)
		if err != nil {
			return nil, err
		}
		return NewMemKB(items), nil
	}
	return OpenFile(path)
}
