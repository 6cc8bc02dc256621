package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
)

// ErrDamaged is wrapped by the errors of a store whose data cannot be read
// back: a truncated or overwritten file, an index entry that does not
// decode, a quad pointing at a node that is not stored. Such errors print
// as "store is damaged: …".
var ErrDamaged = kv.ErrDamaged

// errUnfinished says a bolt file was created but never initialised (a
// process killed in its first moments leaves it empty).
var errUnfinished = errors.New("store was never finished")

// openBolt opens the bolt file of a store; a panic of bolt on a damaged file
// becomes an error wrapping ErrDamaged, and an empty file opened read-only
// is errUnfinished (read-write, bolt initialises it).
func openBolt(file string, opts Options) (db *bolt.DB, err error) {
	if opts.ReadOnly {
		if fi, err := os.Stat(file); err == nil && fi.Size() == 0 {
			return nil, errUnfinished
		}
	}
	// Walk the pages under bolt's lock, so that no other process is
	// writing them meanwhile; released before bolt takes it, as another
	// lock of this process would keep bolt's exclusive one waiting.
	unlock, err := lockFile(file, !opts.ReadOnly, opts.LockTimeout)
	if err != nil {
		return nil, err
	}
	err = usableBolt(file)
	unlock()
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true)) // bolt reads its file through mmap
	db, err = bolt.Open(file, 0o644, &bolt.Options{Timeout: opts.LockTimeout, ReadOnly: opts.ReadOnly})
	if err != nil && !errors.Is(err, bolt.ErrTimeout) && !os.IsPermission(err) && !os.IsNotExist(err) {
		// bolt's own checks of its pages ("invalid database", "version
		// mismatch", "checksum error", a file shorter than its pages).
		err = fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return db, err
}

// usableBolt refuses a bolt file that bolt would read past its end (it
// faults on the unmapped pages): one whose meta pages both fail, or whose
// newest valid meta page uses more pages than the file has; and one whose
// pages bolt would follow into a fatal error (boltWalk). A file that does
// not exist yet or is empty is fine (bolt creates it).
func usableBolt(file string) error {
	fi, err := os.Stat(file)
	if err != nil || fi.Size() == 0 {
		return nil
	}
	metas, size, problems := readBoltMetas(file)
	best := -1
	for i, m := range metas {
		if m.ok && (best < 0 || m.txid > metas[best].txid) {
			best = i
		}
	}
	if best < 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(problems, "; "))
	}
	if m := metas[best]; int64(m.pgid)*m.pageSize > size {
		return fmt.Errorf("%w: bolt file is %d bytes, shorter than the %d it uses (truncated)", ErrDamaged, size, int64(m.pgid)*m.pageSize)
	}
	stamp := walkStamp(file)
	if stamp != "" {
		if b, err := os.ReadFile(file + walkedSuffix); err == nil && string(b) == stamp {
			return nil // walked as it is now
		}
	}
	if problems, _ := boltWalk(file); len(problems) > 0 {
		more := ""
		if len(problems) > 1 {
			more = fmt.Sprintf(" (and %d more problems)", len(problems)-1)
		}
		return fmt.Errorf("%w: %s%s", ErrDamaged, problems[0], more)
	}
	if stamp != "" { // best effort: a read-only directory walks every time
		tmp := fmt.Sprintf("%s%s.%d", file, walkedSuffix, os.Getpid())
		if os.WriteFile(tmp, []byte(stamp), 0o644) == nil && os.Rename(tmp, file+walkedSuffix) != nil {
			os.Remove(tmp)
		}
	}
	return nil
}

// walkAtCloseMin is the size from which a bolt file written by this
// process is walked when the store is closed (a variable for the tests).
var walkAtCloseMin int64 = 64 << 20

// walkAfterWrite walks a bolt file of at least walkAtCloseMin bytes that
// has no record of a sound walk as it is now, and records it: the writer
// pays the walk (seconds for a GB, against minutes of writing) instead of
// the next reader. It first waits out the racy window, since a file
// changed within it gets no stamp. Best effort: a damaged file is left to
// the next Open to report.
func walkAfterWrite(file string) {
	fi, err := os.Stat(file)
	if err != nil || fi.Size() < walkAtCloseMin {
		return
	}
	_, _, _, mtime, ctime, ok := fileTimes(file)
	if !ok {
		return
	}
	if wait := racyWindow - time.Since(time.Unix(0, max(mtime, ctime))); wait > 0 {
		time.Sleep(wait + 10*time.Millisecond)
	}
	usableBolt(file)
}

// walkedSuffix names the file beside a bolt file that remembers the state
// of the bolt file (walkStamp) its last walk found sound, so that a store
// is walked once after each change, not at every open: the walk reads
// every page (about 0.2 s of CPU for a 180 MB store).
const walkedSuffix = ".walked"

// walkVersion changes with what boltWalk checks, so that stamps of an
// older walk do not count.
const walkVersion = 1

// racyWindow: a file changed more recently has no walkStamp (a variable
// for the tests).
var racyWindow = 2 * time.Second

// walkStamp identifies the state of a file: device, inode, size, and the
// times of its last change (mtime, and ctime, which no one can set back),
// in nanoseconds. It is "" where these are not known, and for a file
// changed in the last two seconds, whose later changes might not move its
// times on a file system with coarse ones (git's "racy clean" index entries).
func walkStamp(file string) string {
	dev, ino, size, mtime, ctime, ok := fileTimes(file)
	if !ok || time.Since(time.Unix(0, max(mtime, ctime))) < racyWindow {
		return ""
	}
	return fmt.Sprintf("newsgraph bolt walk %d: sound\ndev %d ino %d size %d mtime %d ctime %d\n", walkVersion, dev, ino, size, mtime, ctime)
}

// emptyStore stands for a store whose creation did not finish, opened
// read-only: it holds nothing.
func emptyStore() cgraph.QuadStore { return memstore.New() }

// Warnings lists what Open found wrong but could open anyway: a bolt meta
// page that fails its checksum, on which bolt silently opens the store as
// of the commit before (newsgraph check says more).
func (s *Store) Warnings() []string { return s.warnings }

// CheckFile says what is wrong with the files of an embedded store that
// Open refuses as damaged, without opening it: for bolt, its meta pages
// and its page tree and free list, one problem a line (nil for other
// backends, or when nothing is found at that level).
func CheckFile(opts Options) []string {
	if opts.Backend != "" && opts.Backend != BackendBolt {
		return nil
	}
	file := filepath.Join(opts.Path, boltFile)
	return append(boltMetaProblems(file), boltPageProblems(file)...)
}
