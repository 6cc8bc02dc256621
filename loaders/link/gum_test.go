package link

import (
	"strings"
	"testing"
)

func TestReadGUM(t *testing.T) {
	const doc = "# newdoc id = GUM_news_x\n# meta::genre = news\n# newpar\n# text = Durham University, United Kingdom\n" +
		"1\tDurham\tDurham\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(13-organization-new-nnnnn-cf4-1,4,5-coref-Durham_University(14-place-new-nnnnn-cf5-1-coref-Durham%2C_England)\n" +
		"2\tUniversity\tUniversity\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"3\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\t_\n" +
		"4\tUnited\tUnite\tVERB\tNNP\t_\t5\tamod\t_\tEntity=(10-place-new-nnnnn-cf5-1,2-coref-United_Kingdom\n" +
		"5\tKingdom\tKingdom\tPROPN\tNNP\t_\t2\tlist\t_\tEntity=10)13)\n\n"
	docs, err := readGUM(strings.NewReader(doc), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Genre != "news" || docs[0].Text != "Durham University, United Kingdom" {
		t.Fatalf("docs = %+v", docs)
	}
	g := docs[0].Gold
	if len(g["United Kingdom"]) != 1 || g["United Kingdom"][0] != "United Kingdom" ||
		g["Durham, England"][0] != "Durham" || g["Durham University"][0] != "Durham University , United Kingdom" {
		t.Errorf("gold = %q", g)
	}
	if !TitleMatches("Durham, England", Item{Label: "Durham"}) || TitleMatches("Durham University", Item{Label: "Durham"}) {
		t.Error("TitleMatches")
	}
}
