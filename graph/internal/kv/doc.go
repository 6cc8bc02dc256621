// Package kv is a local copy of Cayley's kv quad store
// (github.com/cayleygraph/cayley/graph/kv at commit 81dcd7d73e45, Apache
// License 2.0, see LICENSE) with one fix: ApplyDeltas stores an added quad
// correctly when the same batch lowers the reference count of one of its
// nodes (upstream left that direction 0). Cayley is archived, so the fix
// stays here. Each copied file says what was changed in it. newsgraph adds
// (tally.go) counters kept in the write's transaction, a label index, and a
// store format number with its migration.
package kv
