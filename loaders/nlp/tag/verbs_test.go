package tag

import "testing"

func TestVerbLemma(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"rule", true}, {"caucus", true}, {"bias", true}, {"defeat", true}, {"re-elect", false},
		{"rul", false}, {"caucuse", false}, {"biase", false}, {"defeate", false},
		{"nam", false},     // in the lexicon, but only as a capitalised word
		{"table", true},    // noun and verb
		{"kestrel", false}, // noun only
		{"Rule", false},    // looked up as given: lower case only
		{"", false},
	}
	for _, tt := range tests {
		if got := VerbLemma(tt.w); got != tt.want {
			t.Errorf("VerbLemma(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
	if n := len(verbLemmas()); n < 8000 {
		t.Errorf("%d verb lemmas in the embedded lexicon, want about 8,700", n)
	}
}
