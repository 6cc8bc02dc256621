package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/memstore" // registers "memstore"
	// registers "cockroach" (CockroachDB; not tested against a server, docs/scale-out.md)
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/newsgraph/newsgraph/graph/internal/kv"
	"github.com/newsgraph/newsgraph/graph/internal/kv/boltkv"
	"github.com/syndtr/goleveldb/leveldb"
	lvopt "github.com/syndtr/goleveldb/leveldb/opt"
)

// Embedded backends newsgraph opens itself (with a lock timeout); every
// other name goes through Cayley's registry ("memstore", "postgres", …).
const (
	BackendBolt     = "bolt"
	BackendLevelDB  = "leveldb"
	BackendMemstore = "memstore"
	BackendPostgres = "postgres"
)

// DefaultBackend is the backend Open uses when Options.Backend is empty,
// chosen by measurement (docs/benchmarks.md, "Store").
const DefaultBackend = BackendBolt

// DefaultPath is where the embedded store lives when Options.Path is empty.
const DefaultPath = "newsgraph.db"

// DefaultLockTimeout is how long Open waits for another process to release
// an embedded store.
const DefaultLockTimeout = time.Second

var (
	// ErrStoreInUse is returned (wrapped, after the store's path) when
	// another process holds the store.
	ErrStoreInUse = errors.New("store is in use by another process")
	// ErrNoStore is returned when a read-only open finds no store.
	ErrNoStore = errors.New("no store here (ingest something first)")
	// ErrNotFound is returned when a document is not in the store.
	ErrNotFound = errors.New("not found")
	// ErrReadOnly is returned by writes to a store opened read-only.
	ErrReadOnly = errors.New("store is open read-only")
	// ErrOldFormat is returned (wrapped, after the store's path) when the
	// store was made by an older newsgraph, without the counters and the
	// label index this one keeps.
	ErrOldFormat = errors.New("store was made by an older newsgraph (format 1, before counters and the document index): run `newsgraph migrate` once, or ingest again into a new --db")
)

// Options says which store Open opens.
type Options struct {
	// Backend is a Cayley backend name: "bolt", "leveldb", "memstore",
	// "postgres", … (see Backends); "" means DefaultBackend.
	Backend string
	// Path is the store's directory for embedded backends (DefaultPath when
	// empty; created on first open unless ReadOnly), the DSN for SQL
	// backends, ignored by memstore.
	Path string
	// ReadOnly opens the store for reading only (embedded backends share it
	// with other readers).
	ReadOnly bool
	// LockTimeout bounds the wait for another process's lock on an embedded
	// store; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// Bloom keeps Cayley's in-memory bloom filter of existing quads for kv
	// backends. It speeds up duplicate checks but is rebuilt by reading the
	// whole store at every open, so it is off by default.
	Bloom bool

	migrate bool // bring an older store to the current format (Migrate)
}

// Backends lists the backend names Open accepts.
func Backends() []string {
	names := map[string]bool{BackendBolt: true, BackendLevelDB: true}
	for _, n := range cgraph.QuadStores() {
		names[n] = true
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Store is newsgraph's graph store: a Cayley quad store holding documents,
// entities and facts in the model of vocab.go. Its methods are safe for
// concurrent use; writes are serialised.
type Store struct {
	qs       cgraph.QuadStore
	backend  string
	path     string
	readOnly bool
	warnings []string   // found at open: see Warnings
	mu       sync.Mutex // serialises writes
	// counted is the kv store that keeps the counters of Stats (bolt and
	// leveldb); nil for other backends, whose Stats scans.
	counted *kv.QuadStore
	// verifyOnClose: see VerifyOnClose.
	verifyOnClose bool
}

// Open opens (and, unless read-only, creates on first use) the store that
// opts describes.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Backend == "" {
		opts.Backend = DefaultBackend
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.Path == "" && opts.Backend != BackendMemstore {
		opts.Path = DefaultPath
	}
	copts := cgraph.Options{kv.OptNoBloom: !opts.Bloom}
	var (
		qs  cgraph.QuadStore
		err error
	)
	switch opts.Backend {
	case BackendBolt, BackendLevelDB:
		qs, err = openKV(opts, copts)
	default:
		qs, err = openRegistered(opts, copts)
	}
	if err != nil {
		return nil, err
	}
	st := &Store{qs: qs, backend: opts.Backend, path: opts.Path, readOnly: opts.ReadOnly}
	if kqs, ok := qs.(*kv.QuadStore); ok {
		st.counted = kqs
	}
	if opts.Backend == BackendBolt {
		st.warnings = boltMetaProblems(filepath.Join(opts.Path, boltFile))
	}
	return st, nil
}

// openKV opens bolt or leveldb with a lock timeout, initialising the store
// when it is new.
func openKV(opts Options, copts cgraph.Options) (cgraph.QuadStore, error) {
	if !opts.ReadOnly {
		if err := os.MkdirAll(opts.Path, 0o755); err != nil {
			return nil, fmt.Errorf("%s: %w", opts.Path, err)
		}
	} else if _, err := os.Stat(opts.Path); err != nil {
		return nil, fmt.Errorf("%s: %w", opts.Path, ErrNoStore)
	}
	if other := kvBackendIn(opts.Path); other != "" && other != opts.Backend {
		return nil, fmt.Errorf("%s holds a %s store, not %s: choose that backend or another path", opts.Path, other, opts.Backend)
	}
	switch opts.Backend {
	case BackendBolt:
		file := filepath.Join(opts.Path, boltFile)
		if opts.ReadOnly {
			if _, err := os.Stat(file); err != nil {
				return nil, fmt.Errorf("%s: %w", opts.Path, ErrNoStore)
			}
		}
		bdb, err := openBolt(file, opts)
		if errors.Is(err, errUnfinished) {
			return emptyStore(), nil
		} else if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%s: %w", opts.Path, ErrStoreInUse)
		} else if err != nil {
			return nil, fmt.Errorf("%s: open bolt: %w", opts.Path, err)
		}
		db := boltkv.New(bdb)
		// The log's keys are increasing IDs: pack its pages full (half
		// full is bolt's default, good for random keys).
		db.SetFillPercent("log", 1)
		return newKV(kv.Guard(db), opts, copts)
	default:
		ldb, err := openLevelDB(opts)
		if err != nil {
			return nil, err
		}
		hdb := hleveldb.New(ldb)
		hdb.SetWriteOptions(&lvopt.WriteOptions{Sync: true})
		return newKV(kv.Guard(flat.Upgrade(hdb)), opts, copts)
	}
}

// boltFile is the bolt database inside the store directory (Cayley's own
// layout, so `cayley` can open a newsgraph store too).
const boltFile = "indexes.bolt"

// kvBackendIn tells which embedded backend made the store in dir: "bolt",
// "leveldb", or "" for none yet.
func kvBackendIn(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, boltFile)); err == nil {
		return BackendBolt
	}
	if _, err := os.Stat(filepath.Join(dir, "CURRENT")); err == nil {
		return BackendLevelDB
	}
	return ""
}

// openLevelDB retries goleveldb's non-blocking file lock until the timeout.
func openLevelDB(opts Options) (*leveldb.DB, error) {
	deadline := time.Now().Add(opts.LockTimeout)
	for {
		db, err := leveldb.OpenFile(opts.Path, &lvopt.Options{ReadOnly: opts.ReadOnly, ErrorIfMissing: opts.ReadOnly})
		if err == nil {
			return db, nil
		}
		if !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EWOULDBLOCK) {
			if opts.ReadOnly && os.IsNotExist(err) {
				return nil, fmt.Errorf("%s: %w", opts.Path, ErrNoStore)
			}
			return nil, fmt.Errorf("%s: open leveldb: %w", opts.Path, err)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s: %w", opts.Path, ErrStoreInUse)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// newKV opens the kv quad store on db, initialising an empty one; it closes
// db on failure. The store is graph/internal/kv, a copy of Cayley's kv
// package (same on-disk format) with its ApplyDeltas fixed for batches that
// lower the reference count of a node an added quad uses.
func newKV(db hkv.KV, opts Options, copts cgraph.Options) (cgraph.QuadStore, error) {
	qs, err := kv.New(db, copts)
	if errors.Is(err, cgraph.ErrNotInitialized) {
		if opts.ReadOnly { // a store whose creation did not finish: empty
			db.Close()
			return emptyStore(), nil
		}
		if err = kv.Init(db, copts); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: init %s store: %w", opts.Path, opts.Backend, err)
		}
		qs, err = kv.New(db, copts)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: open %s store: %w", opts.Path, opts.Backend, err)
	}
	qs.(*kv.QuadStore).SetTally(tally)
	if opts.migrate {
		err := kv.Migrate(context.Background(), qs.(*kv.QuadStore), tally)
		if err != nil {
			qs.Close()
			return nil, fmt.Errorf("%s: migrate: %w", opts.Path, err)
		}
	}
	if err := kv.CheckFormat(context.Background(), qs.(*kv.QuadStore), !opts.ReadOnly); err != nil {
		qs.Close()
		if errors.Is(err, kv.ErrOldFormat) {
			return nil, fmt.Errorf("%s: %w", opts.Path, ErrOldFormat)
		}
		return nil, fmt.Errorf("%s: open %s store: %w", opts.Path, opts.Backend, err)
	}
	return qs, nil
}

// openRegistered opens any other backend through Cayley's registry,
// initialising it first when it is persistent and new.
func openRegistered(opts Options, copts cgraph.Options) (cgraph.QuadStore, error) {
	if !cgraph.IsRegistered(opts.Backend) {
		return nil, fmt.Errorf("unknown backend %q (have %s)", opts.Backend, strings.Join(Backends(), ", "))
	}
	if !cgraph.IsPersistent(opts.Backend) {
		opts.Path = "" // in-memory: Cayley refuses an address
	} else if !opts.ReadOnly {
		err := cgraph.InitQuadStore(opts.Backend, opts.Path, copts)
		for try := 0; try < 5 && err != nil && concurrentInit(err); try++ {
			// Another process is creating the same SQL tables right now
			// (several ingest processes starting on one new store).
			time.Sleep(time.Duration(100*(try+1)) * time.Millisecond)
			err = cgraph.InitQuadStore(opts.Backend, opts.Path, copts)
		}
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("%s store: init: %w", opts.Backend, err)
		}
	}
	qs, err := cgraph.NewQuadStore(opts.Backend, opts.Path, copts)
	if err != nil {
		return nil, fmt.Errorf("%s store: open: %w", opts.Backend, err)
	}
	return qs, nil
}

// Migrate brings an embedded store (bolt, leveldb) an older newsgraph made
// to the current format, in one transaction: it indexes what each document
// wrote and computes the counters Stats reads. Other backends and current
// stores are left as they are.
func Migrate(ctx context.Context, opts Options) error {
	opts.migrate, opts.ReadOnly = true, false
	s, err := Open(ctx, opts)
	if err != nil {
		return err
	}
	return s.Close()
}

// concurrentInit reports whether err is PostgreSQL's (or CockroachDB's)
// answer to two processes creating the same tables at once.
func concurrentInit(err error) bool {
	if errors.Is(err, cgraph.ErrDatabaseExists) {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "duplicate key value") || strings.Contains(msg, "already exists")
}

// QuadStore is the underlying Cayley store, for the path API of the
// queries package. Writes must go through Store.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Backend is the name of the store's backend.
func (s *Store) Backend() string { return s.backend }

// Path is the store's path (a directory, or a DSN).
func (s *Store) Path() string { return s.path }

// Close closes the store; after VerifyOnClose, a large bolt store is then
// walked and the walk recorded (walkAfterWrite).
func (s *Store) Close() error {
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("close %s store: %w", s.backend, err)
	}
	if s.verifyOnClose && s.backend == BackendBolt && !s.readOnly {
		walkAfterWrite(filepath.Join(s.path, boltFile))
	}
	return nil
}

// VerifyOnClose makes Close walk the pages of a large bolt store (64 MB or
// more) once the last write is done, and record that walk, so that the next
// command to open the store, typically a query or stats, does not pay it.
// For commands that write much (ingest, import): the walk first waits out
// the 2 s in which a changed file gets no record, and takes about 1.7–2.8 s
// per GB of store file.
func (s *Store) VerifyOnClose() { s.verifyOnClose = true }
