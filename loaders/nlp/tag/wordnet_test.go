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
	verbs, nouns := 0, 0
	for w := range wordNetLemmas() {
		if VerbLemma(w) {
			verbs++
		}
		if NounLemma(w) {
			nouns++
		}
	}
	if verbs != 8700 || nouns != 52817 {
		t.Errorf("%d verb and %d noun lemmas in the embedded lexicon, want 8,700 and 52,817", verbs, nouns)
	}
}

func TestNounLemma(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"caucus", true}, {"potato", true}, {"data", true}, {"headache", true},
		{"caucuse", false}, {"potatoe", false}, {"headach", false},
		{"dat", false}, // in the lexicon, but only as a capitalised word
		{"quickly", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := NounLemma(tt.w); got != tt.want {
			t.Errorf("NounLemma(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
