package kv

// newsgraph: Guard turns panics of the key-value database below the quad
// store (bolt reading a damaged file panics with an index out of range or
// faults on an unmapped page) into errors that wrap ErrDamaged, so a corrupt
// store gives every command one line instead of a crash.

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/hidal-go/hidalgo/kv"
	"google.golang.org/protobuf/proto"
)

// ErrDamaged is wrapped by errors from a store whose data cannot be read.
var ErrDamaged = errors.New("store is damaged")

// Guard wraps db so that a panic inside any of its calls becomes an error
// wrapping ErrDamaged.
func Guard(db kv.KV) kv.KV { return guardKV{db} }

// damaged turns a recovered panic into an error.
func damaged(op string, r any) error {
	return fmt.Errorf("%w: %s: %v", ErrDamaged, op, r)
}

// catch recovers a panic into *err. Page faults on the memory-mapped file
// become panics too while a guarded call runs (debug.SetPanicOnFault).
func catch(op string, err *error) {
	if r := recover(); r != nil {
		*err = damaged(op, r)
	}
}

type guardKV struct{ db kv.KV }

func (g guardKV) Close() (err error) {
	defer catch("close", &err)
	return g.db.Close()
}

func (g guardKV) Tx(ctx context.Context, rw bool) (_ kv.Tx, err error) {
	defer catch("begin transaction", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	tx, err := g.db.Tx(ctx, rw)
	if err != nil {
		return nil, err
	}
	return guardTx{tx}, nil
}

func (g guardKV) View(ctx context.Context, fn func(tx kv.Tx) error) error {
	return kv.View(ctx, g, fn)
}

func (g guardKV) Update(ctx context.Context, fn func(tx kv.Tx) error) error {
	return kv.Update(ctx, g, fn)
}

type guardTx struct{ tx kv.Tx }

func (t guardTx) Commit(ctx context.Context) (err error) {
	defer catch("commit", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return t.tx.Commit(ctx)
}

func (t guardTx) Close() (err error) {
	defer catch("close transaction", &err)
	return t.tx.Close()
}

func (t guardTx) Get(ctx context.Context, key kv.Key) (_ kv.Value, err error) {
	defer catch("get", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	v, err := t.tx.Get(ctx, key)
	return clone(v), err
}

func (t guardTx) GetBatch(ctx context.Context, keys []kv.Key) (_ []kv.Value, err error) {
	defer catch("get", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	vals, err := t.tx.GetBatch(ctx, keys)
	for i := range vals {
		vals[i] = clone(vals[i])
	}
	return vals, err
}

func (t guardTx) Put(ctx context.Context, k kv.Key, v kv.Value) (err error) {
	defer catch("put", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return t.tx.Put(ctx, k, v)
}

func (t guardTx) Del(ctx context.Context, k kv.Key) (err error) {
	defer catch("delete", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return t.tx.Del(ctx, k)
}

func (t guardTx) Scan(ctx context.Context, opts ...kv.IteratorOption) kv.Iterator {
	it := &guardIter{}
	func() {
		defer func() {
			if r := recover(); r != nil {
				it.err = damaged("scan", r)
			}
		}()
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		it.it = t.tx.Scan(ctx, opts...)
	}()
	return it
}

// clone copies a value out of the memory-mapped file, so that reading it
// later cannot fault outside a guarded call.
func clone(v kv.Value) kv.Value {
	if v == nil {
		return nil
	}
	return append(kv.Value{}, v...)
}

// guardIter is an iterator whose panics end the iteration with an error.
type guardIter struct {
	it       kv.Iterator
	err      error
	key      kv.Key
	val      kv.Value
	finished bool
}

func (g *guardIter) Next(ctx context.Context) (ok bool) {
	if g.err != nil || g.it == nil || g.finished {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			g.err = damaged("scan", r)
			ok = false
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if !g.it.Next(ctx) {
		g.finished = true
		return false
	}
	k := g.it.Key()
	g.key = make(kv.Key, len(k))
	for i, p := range k {
		g.key[i] = append([]byte{}, p...)
	}
	g.val = clone(g.it.Val())
	return true
}

func (g *guardIter) Reset() {
	if g.it == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			g.err = damaged("scan", r)
		}
	}()
	g.finished = false
	g.it.Reset()
}

func (g *guardIter) Key() kv.Key   { return g.key }
func (g *guardIter) Val() kv.Value { return g.val }

func (g *guardIter) Err() error {
	if g.err != nil {
		return g.err
	}
	if g.it == nil {
		return nil
	}
	return g.it.Err()
}

func (g *guardIter) Close() (err error) {
	if g.it == nil {
		return nil
	}
	defer catch("close scan", &err)
	return g.it.Close()
}

// decodeLogEntry decodes the log entry stored under id; bytes that do not
// decode are damage.
func decodeLogEntry(id uint64, val []byte) (*cproto.Primitive, error) {
	p := new(cproto.Primitive)
	if err := proto.Unmarshal(val, p); err != nil {
		return nil, fmt.Errorf("%w: log entry %d: %v", ErrDamaged, id, err)
	}
	return p, nil
}

// logKeyID is the entry number of a key of the log bucket, or 0 for a key
// of another shape (the log's keys are the bucket and 8 bytes).
func logKeyID(k kv.Key) uint64 {
	if len(k) != 2 || len(k[1]) != 8 {
		return 0
	}
	return quadKeyEnc.Uint64(k[1])
}

// nodeValue decodes the value of node id from its log entry p (nil when it
// is not stored); a missing node, an entry that is a quad and a value that
// does not decode are damage.
func nodeValue(id uint64, p *cproto.Primitive) (quad.Value, error) {
	switch {
	case p == nil:
		return nil, fmt.Errorf("%w: node %d is not stored", ErrDamaged, id)
	case !p.IsNode():
		return nil, fmt.Errorf("%w: node %d is a quad, not a node", ErrDamaged, id)
	}
	v, err := pquads.UnmarshalValue(p.Value)
	if err != nil {
		return nil, fmt.Errorf("%w: node %d: %v", ErrDamaged, id, err)
	}
	return v, nil
}
