package kv

// newsgraph fix: a failed write transaction must leave the store exactly as
// before it, the in-memory state included. Upstream kept, after a failed
// commit, the IRI → node ID entries indexNode and resolveValDeltas put into
// valueLRU during the transaction, so later writes reused IDs of nodes that
// were never stored and wrote quads pointing at nothing; the index entries
// buffered in mapBucket and the bloom filters had the same problem.

// forgetFailedWrite drops what a write transaction cached when *err is set.
// Callers hold qs.writer (or are the quad writer, which holds it while its
// transaction is open).
func (qs *QuadStore) forgetFailedWrite(err *error) {
	if *err == nil {
		return
	}
	if qs.valueLRU != nil {
		qs.valueLRU.Purge()
	}
	qs.mapBucket = nil // index entries buffered for the aborted transaction
	// The bloom filters may now claim keys or nodes the aborted transaction
	// added (false positives: only a slower path), but the quad filter may
	// also have forgotten quads whose deletion was aborted, a false negative
	// that would let a duplicate in: stop using the filters that can err so.
	qs.mapNodes = nil
	if !qs.exists.disabled {
		qs.exists.Lock()
		qs.exists.disabled = true
		qs.exists.Unlock()
	}
}
