package graph

import "time"

// seedArticle is a hand-made Article shaped like what the loaders produce
// for data/seed/article.txt (a few sentences of it).
func seedArticle() *Article {
	return &Article{
		Source:    "data/seed/article.txt",
		Hash:      "5f1c0e1d2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
		Headline:  "Zelenskyy Says Ready To Swap Captured North Korean Soldiers For Ukrainian Troops",
		Published: time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC),
		Publisher: "RFE/RL",
		Text:      "…",
		Sentences: []Sentence{
			{Text: "Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang if reclusive leader Kim Jong Un can arrange a prisoner swap for Ukrainians held in Russia.", Start: 100, End: 306},
			{Text: "“Through real-time cooperation with Ukraine’s intelligence agency…[South Korea’s National Intelligence Service] has confirmed that the Ukrainian military captured two North Korean soldiers on January 9 in the Kursk battlefield in Russia,” Seoul said in a statement.", Start: 900, End: 1160},
			{Text: "Neither North Korea nor Moscow has commented on the reports.", Start: 1162, End: 1222},
			{Text: "North Korea has sent some 11,000 troops to Russia.", Start: 1300, End: 1350},
		},
		Entities: []Entity{
			{Key: "Person/volodymyr_zelenskiy", Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskyy", "Zelenskiy"}, Mentions: 6},
			{Key: "Organization/national_intelligence_service", Name: "National Intelligence Service", Type: "Organization", Aliases: []string{"NIS"}, Mentions: 3, SameAs: []string{"http://www.wikidata.org/entity/Q1054930"}},
			{Key: "Country/north_korea", Name: "North Korea", Type: "Country", Mentions: 4},
			{Key: "Country/russia", Name: "Russia", Type: "Country", Mentions: 5},
			{Key: "Organization/ukrainian_military", Name: "Ukrainian military", Type: "Organization", Mentions: 1},
			{Key: "City/seoul", Name: "Seoul", Type: "City", Mentions: 1},
			{Key: "Place/kursk", Name: "Kursk", Type: "Place", Mentions: 2},
		},
		Facts: []Fact{
			{Sentence: 0, Subject: Term{Entity: "Person/volodymyr_zelenskiy", Text: "Ukrainian President Volodymyr Zelenskiy"},
				Relation: "hand_over", RelationText: "is prepared to hand over",
				Object:   Term{Text: "captured North Korean soldiers"},
				Args:     []Arg{{Prep: "to", Term: Term{Text: "Pyongyang"}}},
				Modality: "prepared to", Condition: "if reclusive leader Kim Jong Un can arrange a prisoner swap",
				Attribution: "Person/volodymyr_zelenskiy", Confidence: 0.8},
			{Sentence: 1, Subject: Term{Entity: "Organization/national_intelligence_service", Text: "South Korea’s National Intelligence Service"},
				Relation: "confirm", RelationText: "has confirmed",
				Object:      Term{Text: "that the Ukrainian military captured two North Korean soldiers"},
				Attribution: "City/seoul", Quote: "Through real-time cooperation …", Confidence: 0.9},
			{Sentence: 1, Subject: Term{Entity: "Organization/ukrainian_military", Text: "the Ukrainian military"},
				Relation: "capture", RelationText: "captured",
				Object: Term{Text: "two North Korean soldiers", Value: "2", Datatype: "xsd:integer", Unit: "soldiers"},
				Time:   "on January 9", Date: "2025-01-09", Place: Term{Entity: "Place/kursk", Text: "the Kursk battlefield"},
				Attribution: "Organization/national_intelligence_service", Confidence: 0.85},
			{Sentence: 2, Subject: Term{Entity: "Country/north_korea", Text: "North Korea"},
				Relation: "comment", RelationText: "has commented", Object: Term{Text: "the reports"},
				Args: []Arg{{Prep: "on", Term: Term{Text: "the reports"}}}, Negated: true, Confidence: 0.7},
			{Sentence: 3, Subject: Term{Entity: "Country/north_korea", Text: "North Korea"},
				Relation: "send", RelationText: "has sent",
				Object: Term{Text: "some 11,000 troops", Value: "11000", Datatype: XSDInteger, Unit: "troops"},
				Args:   []Arg{{Prep: "to", Term: Term{Entity: "Country/russia", Text: "Russia"}}}, Date: "2024", Confidence: 1},
		},
	}
}
