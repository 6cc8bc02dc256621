package main

import "testing"

// Hand-computed cases of CaRB's matching (carb_score.py, docstring point 3).
func TestMatch(t *testing.T) {
	cases := []struct {
		grel  string
		gargs []string
		srel  string
		sargs []string
		p, r  float64
	}{
		// relation 1 + arg1 2 + arg2 2 shared words; system 1+2+3, gold 1+2+2.
		{"built", []string{"the house", "in 1990"}, "built", []string{"the house", "in May 1990"}, 5.0 / 6, 5.0 / 5},
		// no shared relation word: nothing.
		{"built", []string{"the house", "in 1990"}, "made", []string{"the house", "in 1990"}, 0, 0},
		// an unshared "be" counts against a form of "be".
		{"is", []string{"Kirby", "spokesman"}, "be", []string{"Kirby", "spokesman"}, 3.0 / 3, 3.0 / 3},
		// the system tuple lacks the gold's second slot.
		{"slept", []string{"he", "in the car"}, "slept", []string{"he"}, 0, 0},
		// speech verbs: the slots may be swapped.
		{"said", []string{"the army", "Kirby"}, "said", []string{"Kirby", "the army"}, 4.0 / 4, 4.0 / 4},
		// arguments beyond the first are joined into one slot.
		{"gave", []string{"she", "him a book"}, "gave", []string{"she", "him", "a book"}, 5.0 / 5, 5.0 / 5},
	}
	for _, c := range cases {
		p, r := match(newTuple(c.grel, c.gargs), newTuple(c.srel, c.sargs))
		if p != c.p || r != c.r {
			t.Errorf("%s %q vs %s %q: (%v, %v), want (%v, %v)", c.grel, c.gargs, c.srel, c.sargs, p, r, c.p, c.r)
		}
	}
	if k := sentenceKey("He said -LRB- twice -RRB- : \"no\"."); k != "Hesaidtwiceno" {
		t.Errorf("sentenceKey = %q", k)
	}
}

// The Newton fit reaches the optimum: the penalised gradient vanishes.
func TestFitConverges(t *testing.T) {
	rows := []row{
		{features: []float64{1, 0, 2}, label: 0.9},
		{features: []float64{1, 1, 0}, label: 0.2},
		{features: []float64{1, 1, 1}, label: 0.5},
		{features: []float64{1, 0, 0}, label: 0.7},
	}
	w := fit(rows, 3, 1, 30)
	g := make([]float64, 3)
	for _, r := range rows {
		d := sigmoid(dot(w, r.features)) - r.label
		for i, f := range r.features {
			g[i] += d * f
		}
	}
	for i := 1; i < 3; i++ {
		g[i] += w[i]
	}
	for i, v := range g {
		if v > 1e-9 || v < -1e-9 {
			t.Errorf("gradient[%d] = %v at %v", i, v, w)
		}
	}
}
