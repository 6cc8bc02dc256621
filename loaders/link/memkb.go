package link

import (
	"context"
	"sort"
)

// MemKB is a KB held in memory: the bundled knowledge base, test KBs, or
// the resources of a small imported dataset.
type MemKB struct {
	items map[string]*Item
	names map[string][]nameRef // Norm(name) → items
}

type nameRef struct {
	id    string
	match Match
}

// NewMemKB indexes items by their label, names, codes and demonyms. Items
// with an empty ID are skipped; a later item with the same ID replaces an
// earlier one.
func NewMemKB(items []Item) *MemKB {
	kb := &MemKB{items: make(map[string]*Item, len(items)), names: map[string][]nameRef{}}
	for i := range items {
		if items[i].ID == "" {
			continue
		}
		it := items[i]
		kb.items[it.ID] = &it
	}
	ids := make([]string, 0, len(kb.items))
	for id := range kb.items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		it := kb.items[id]
		kb.index(it.Label, id, MatchLabel)
		for _, n := range it.Names {
			kb.index(n, id, MatchName)
		}
		for _, n := range it.Codes {
			kb.index(n, id, MatchCode)
		}
		for _, n := range it.Demonyms {
			kb.index(n, id, MatchDemonym)
		}
	}
	return kb
}

// index adds one name of an item, keeping the item's best match per name.
func (kb *MemKB) index(name, id string, m Match) {
	k := Norm(name)
	if k == "" {
		return
	}
	refs := kb.names[k]
	for i, r := range refs {
		if r.id == id {
			if rank(m) < rank(r.match) {
				refs[i].match = m
			}
			return
		}
	}
	kb.names[k] = append(refs, nameRef{id, m})
}

func rank(m Match) int {
	switch m {
	case MatchLabel:
		return 0
	case MatchName:
		return 1
	case MatchCode:
		return 2
	}
	return 3
}

// Candidates implements KB.
func (kb *MemKB) Candidates(_ context.Context, name string) ([]Candidate, error) {
	refs := kb.names[Norm(name)]
	out := make([]Candidate, 0, len(refs))
	for _, r := range refs {
		out = append(out, Candidate{Item: *kb.items[r.id], Match: r.match})
	}
	return out, nil
}

// Item implements KB.
func (kb *MemKB) Item(_ context.Context, id string) (Item, bool, error) {
	it, ok := kb.items[id]
	if !ok {
		return Item{}, false, nil
	}
	return *it, true, nil
}

// Len is the number of items.
func (kb *MemKB) Len() int { return len(kb.items) }

// Close implements KB; it does nothing.
func (kb *MemKB) Close() error { return nil }

// Multi is a KB made of several: candidates come from all of them (the
// same item from two KBs scores once per KB, and Best keeps the better),
// Item from the first that has it.
type Multi []KB

// Candidates implements KB.
func (m Multi) Candidates(ctx context.Context, name string) ([]Candidate, error) {
	var out []Candidate
	for _, kb := range m {
		cs, err := kb.Candidates(ctx, name)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// Item implements KB.
func (m Multi) Item(ctx context.Context, id string) (Item, bool, error) {
	for _, kb := range m {
		it, ok, err := kb.Item(ctx, id)
		if err != nil || ok {
			return it, ok, err
		}
	}
	return Item{}, false, nil
}

// Close implements KB: it closes every KB.
func (m Multi) Close() error {
	var first error
	for _, kb := range m {
		if err := kb.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
