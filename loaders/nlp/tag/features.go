package tag

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a uint64: the template number mixed
// with a hash of the template's value, so no strings are built while tagging.
const (
	fBias = iota + 1
	fWord
	fLower
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fPre4
	fShape
	fFlags
	fPrev1
	fPrev2
	fPrev12
	fPrev1Lower
	fLowerM1
	fSuf3M1
	fLowerM2
	fLowerP1
	fSuf3P1
	fLowerP2
	fShapeP1
	fShapeM1
	fBigramM1
	fBigramP1
	fPrev1Suf3
	fAmb
	fAmbP1
	fAmbP2
	fAmbAmbP1
	fPrev1Amb
	fLowerM1P1
	fPrev1LowerP1
	fSuf3P2
	nTemplates
)

// Templates of the second pass, over the first pass's classes to the right.
const (
	fR0 = nTemplates + iota
	fR1
	fR2
	fR1R2
	fPrev1R1
	fLowerR1
	fR0R1
	nRightEnd
)

// Templates of the lexicon features (numbered after the others so that
// models without them keep their keys).
const (
	fLex = nRightEnd + iota
	fLexFlags
	fPrev1Lex
	fLexSuf2
	fLexEnd
)

// Templates of the second pass of bidirectional models (TrainOptions.Bidir),
// numbered after the others so that other models keep their keys.
const (
	fO0   = fLexEnd + iota // other-direction class at i
	fO0R0                  // … paired with the first pass's
	fO1                    // other-direction class at i+1
	fOEnd
)

// nLexFeatures is the number of lexicon features.
const nLexFeatures = fLexEnd - fLex

// nRight is the largest number of second-pass features (bidirectional
// models have more).
const nRight = nRightEnd - nTemplates + fOEnd - fO0

// endClass is the first-pass class of the positions after a sentence.
const endClass = 254

// rightFeatures writes the second-pass features of position i, given the
// first-pass classes of the sentence and, in a bidirectional model, the
// other-direction pass's classes (nil otherwise); it returns how many it
// wrote.
func rightFeatures(out []uint64, infos []tokInfo, first, other []uint8, i, prev1 int) int {
	cls := func(j int) uint64 {
		if j < len(first) {
			return uint64(first[j]) + 0x77
		}
		return endClass + 0x77
	}
	r0, r1, r2 := cls(i), cls(i+1), cls(i+2)
	out[0] = mix(fR0, r0)
	out[1] = mix(fR1, r1)
	out[2] = mix(fR2, r2)
	out[3] = mix(fR1R2, pair(r1, r2))
	out[4] = mix(fPrev1R1, pair(uint64(prev1)+0x51, r1))
	out[5] = mix(fLowerR1, pair(infos[i+pad].lower, r1))
	out[6] = mix(fR0R1, pair(r0, r1))
	if other == nil {
		return 7
	}
	o0, o1 := uint64(other[i])+0x77, uint64(endClass+0x77)
	if i+1 < len(other) {
		o1 = uint64(other[i+1]) + 0x77
	}
	out[7] = mix(fO0, o0)
	out[8] = mix(fO0R0, pair(o0, r0))
	out[9] = mix(fO1, o1)
	return 10
}

// maxFeatures is the number of features extracted per token, with the
// lexicon features.
const maxFeatures = nTemplates - 1 + nLexFeatures

// pad is the number of padding positions on each side of a sentence.
const pad = 2

// tokInfo holds the hashed word-level properties of one token.
type tokInfo struct {
	word, lower, shape, flags uint64
	amb                       uint64 // ambiguity class: the classes the word was seen with
	lex                       uint64 // lexicon bits + 1 of words without an ambiguity class, lexAbsent or lexKnown
	suf, pre                  [4]uint64
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix scrambles a template number and a value hash into a feature key
// (splitmix64 finaliser); the result is never 0, which marks empty slots.
func mix(tmpl int, v uint64) uint64 {
	z := v + uint64(tmpl)*0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	z ^= z >> 31
	if z == 0 {
		z = 1
	}
	return z
}

// pair combines two value hashes into one.
func pair(a, b uint64) uint64 { return a*0x100000001B3 ^ (b + 0x632BE59BD9B4E019) }

// Sentinel hashes for the padding around a sentence.
var (
	startInfo = tokInfo{word: 0xA1, amb: 0xA1, lower: 0xA1, shape: 0xA1, flags: 0xA1, suf: [4]uint64{0xA1, 0xA1, 0xA1, 0xA1}, pre: [4]uint64{0xA1, 0xA1, 0xA1, 0xA1}}
	endInfo   = tokInfo{word: 0xB2, amb: 0xB2, lower: 0xB2, shape: 0xB2, flags: 0xB2, suf: [4]uint64{0xB2, 0xB2, 0xB2, 0xB2}, pre: [4]uint64{0xB2, 0xB2, 0xB2, 0xB2}}
)

// Flag bits of tokInfo.flags.
const (
	flagDigit = 1 << iota
	flagHyphen
	flagUpper1 // first letter is upper case
	flagAllUpper
	flagFirst // first token of the sentence
	flagLetter
)

// analyse fills ti from a word form; runes is scratch space, returned for
// reuse.
func analyse(ti *tokInfo, form string, first bool, runes []rune) []rune {
	runes = runes[:0]
	hw := uint64(fnvOffset)
	hs := uint64(fnvOffset)
	var flags uint64
	var lastShape rune = -1
	upper, letters := 0, 0
	for i, r := range form {
		hw = (hw ^ uint64(r)) * fnvPrime
		var sh rune
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			sh = 'x'
			letters++
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			sh = 'X'
			letters++
			upper++
			if i == 0 {
				flags |= flagUpper1
			}
			r += 'a' - 'A'
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			sh = 'd'
			flags |= flagDigit
		case r == '-':
			sh = r
			flags |= flagHyphen
		case r >= utf8.RuneSelf && unicode.IsUpper(r):
			sh = 'X'
			letters++
			upper++
			if i == 0 {
				flags |= flagUpper1
			}
			r = unicode.ToLower(r)
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			sh = 'x'
			letters++
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			sh = 'd'
			flags |= flagDigit
		default:
			sh = r
		}
		if sh != lastShape {
			hs = (hs ^ uint64(sh)) * fnvPrime
			lastShape = sh
		}
		runes = append(runes, r)
	}
	if letters > 0 {
		flags |= flagLetter
		if upper == letters && letters > 1 {
			flags |= flagAllUpper
		}
	}
	if first {
		flags |= flagFirst
	}
	ti.word = hw
	ti.shape = hs
	ti.flags = flags
	hl := uint64(fnvOffset)
	for _, r := range runes {
		hl = (hl ^ uint64(r)) * fnvPrime
	}
	ti.lower = hl
	n := len(runes)
	for k := 1; k <= 4; k++ {
		m := min(k, n)
		hp := uint64(fnvOffset) + uint64(k)
		for _, r := range runes[:m] {
			hp = (hp ^ uint64(r)) * fnvPrime
		}
		ti.pre[k-1] = hp
		hx := uint64(fnvOffset) + uint64(k)
		for _, r := range runes[n-m:] {
			hx = (hx ^ uint64(r)) * fnvPrime
		}
		ti.suf[k-1] = hx
	}
	return runes
}

// features writes the features of position i (0-based, in a sentence padded
// by pad positions on each side in infos) given the two previous predicted
// classes, and returns the filled slice of out. With lex, the lexicon
// features are included.
func features(out *[maxFeatures + nRight]uint64, infos []tokInfo, i int, prev1, prev2 int, lex bool) []uint64 {
	c := &infos[i+pad]
	m1, m2 := &infos[i+pad-1], &infos[i+pad-2]
	p1, p2 := &infos[i+pad+1], &infos[i+pad+2]
	p1h, p2h := uint64(prev1)+0x51, uint64(prev2)+0x51
	// Words rare in training (no ambiguity class) get no identity
	// features, so that the model learns to tag them from their spelling,
	// as it must for unseen words.
	word, lower := c.word, c.lower
	if c.amb == 0 {
		word, lower = 0x5eed, 0x5eed
	}
	out[0] = mix(fBias, 0)
	out[1] = mix(fWord, word)
	out[2] = mix(fLower, lower)
	out[3] = mix(fSuf1, c.suf[0])
	out[4] = mix(fSuf2, c.suf[1])
	out[5] = mix(fSuf3, c.suf[2])
	out[6] = mix(fSuf4, c.suf[3])
	out[7] = mix(fPre1, c.pre[0])
	out[8] = mix(fPre2, c.pre[1])
	out[9] = mix(fPre3, c.pre[2])
	out[10] = mix(fPre4, c.pre[3])
	out[11] = mix(fShape, c.shape)
	out[12] = mix(fFlags, c.flags)
	out[13] = mix(fPrev1, p1h)
	out[14] = mix(fPrev2, p2h)
	out[15] = mix(fPrev12, pair(p1h, p2h))
	out[16] = mix(fPrev1Lower, pair(p1h, lower))
	out[17] = mix(fLowerM1, m1.lower)
	out[18] = mix(fSuf3M1, m1.suf[2])
	out[19] = mix(fLowerM2, m2.lower)
	out[20] = mix(fLowerP1, p1.lower)
	out[21] = mix(fSuf3P1, p1.suf[2])
	out[22] = mix(fLowerP2, p2.lower)
	out[23] = mix(fShapeP1, p1.shape)
	out[24] = mix(fShapeM1, m1.shape)
	out[25] = mix(fBigramM1, pair(m1.lower, lower))
	out[26] = mix(fBigramP1, pair(lower, p1.lower))
	out[27] = mix(fPrev1Suf3, pair(p1h, c.suf[2]))
	out[28] = mix(fAmb, c.amb)
	out[29] = mix(fAmbP1, p1.amb)
	out[30] = mix(fAmbP2, p2.amb)
	out[31] = mix(fAmbAmbP1, pair(c.amb, p1.amb))
	out[32] = mix(fPrev1Amb, pair(p1h, c.amb))
	out[33] = mix(fLowerM1P1, pair(m1.lower, p1.lower))
	out[34] = mix(fPrev1LowerP1, pair(p1h, p1.lower))
	out[35] = mix(fSuf3P2, p2.suf[2])
	if !lex {
		return out[:maxFeatures-nLexFeatures]
	}
	out[36] = mix(fLex, c.lex)
	out[37] = mix(fLexFlags, pair(c.lex, c.flags))
	out[38] = mix(fPrev1Lex, pair(p1h, c.lex))
	out[39] = mix(fLexSuf2, pair(c.lex, c.suf[1]))
	return out[:maxFeatures]
}
