// Package faultkv wraps a key-value database so that chosen writes fail, to
// test that a failed transaction leaves a store as it was.
package faultkv

import (
	"context"
	"errors"
	"sync"

	"github.com/hidal-go/hidalgo/kv"
)

// ErrInjected is the error of a write made to fail.
var ErrInjected = errors.New("injected write failure")

// Op is a kind of write.
type Op string

// The writes a KV counts.
const (
	Put    Op = "put"
	Commit Op = "commit"
)

// KV passes everything to the wrapped database, except that a Put or Commit
// for which Fail returns true fails with ErrInjected (a failed Commit rolls
// the transaction back). Fail gets the kind of write and how many of that
// kind came before it (from 0).
type KV struct {
	kv.KV
	Fail func(op Op, n int) bool

	mu     sync.Mutex
	counts map[Op]int
}

func (f *KV) fail(op Op) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.counts == nil {
		f.counts = make(map[Op]int)
	}
	n := f.counts[op]
	f.counts[op]++
	return f.Fail != nil && f.Fail(op, n)
}

// Tx begins a transaction.
func (f *KV) Tx(ctx context.Context, rw bool) (kv.Tx, error) {
	tx, err := f.KV.Tx(ctx, rw)
	if err != nil || !rw {
		return tx, err
	}
	return &tx_{Tx: tx, f: f}, nil
}

// View runs fn in a read-only transaction.
func (f *KV) View(ctx context.Context, fn func(tx kv.Tx) error) error {
	return kv.View(ctx, f, fn)
}

// Update runs fn in a read-write transaction and commits it.
func (f *KV) Update(ctx context.Context, fn func(tx kv.Tx) error) error {
	return kv.Update(ctx, f, fn)
}

type tx_ struct {
	kv.Tx
	f *KV
}

func (t *tx_) Put(ctx context.Context, k kv.Key, v kv.Value) error {
	if t.f.fail(Put) {
		return ErrInjected
	}
	return t.Tx.Put(ctx, k, v)
}

func (t *tx_) Commit(ctx context.Context) error {
	if t.f.fail(Commit) {
		t.Tx.Close()
		return ErrInjected
	}
	return t.Tx.Commit(ctx)
}
