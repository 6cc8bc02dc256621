package document

import (
	"regexp"
	"strings"
)

var (
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+(.*?)(?:\s+#+)?$`)
	mdRule     = regexp.MustCompile(`^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	mdRefDef   = regexp.MustCompile(`^\[[^\]]+\]:\s+\S+`)
	mdSetext   = regexp.MustCompile(`^(?:=+|-+)$`)
	mdFrontKey = regexp.MustCompile(`^([A-Za-z_]+):\s*(.*)$`)
	mdInline   = strings.NewReplacer("**", "", "__", "")
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_]*?)[*_]($|[\s).,;:!?])`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
	mdComment  = regexp.MustCompile(`<!--.*?-->`)
)

// markdownLines turns normalised Markdown lines into plain article lines:
// front matter (title, date, author) fills d, headings are marked, block
// quotes, rules, code blocks and link targets go, and inline markup is
// reduced to its text.
func markdownLines(in []string, d *parsed) []line {
	var out []line
	i := 0
	if len(in) > 0 && in[0] == "---" {
		for j := 1; j < len(in); j++ {
			if in[j] == "---" || in[j] == "..." {
				frontMatter(in[1:j], d)
				i = j + 1
				break
			}
		}
	}
	fence := false
	for ; i < len(in); i++ {
		s := in[i]
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			fence = !fence
			continue
		}
		if fence || mdRule.MatchString(s) || mdRefDef.MatchString(s) {
			if !fence && mdSetext.MatchString(s) && len(out) > 0 && out[len(out)-1].text != "" {
				out[len(out)-1].heading = true // "Title\n====="
			}
			continue
		}
		if mdSetext.MatchString(s) && len(out) > 0 && out[len(out)-1].text != "" {
			out[len(out)-1].heading = true
			continue
		}
		for strings.HasPrefix(s, ">") {
			s = strings.TrimSpace(s[1:])
		}
		heading := false
		if m := mdHeading.FindStringSubmatch(s); m != nil {
			s, heading = m[1], true
		}
		s = mdComment.ReplaceAllString(s, "")
		s = mdImage.ReplaceAllString(s, "")
		s = mdLink.ReplaceAllString(s, "$1")
		s = mdCode.ReplaceAllString(s, "$1")
		s = mdInline.Replace(s)
		s = mdEmphasis.ReplaceAllString(s, "$1$2$3")
		s = strings.Join(strings.Fields(s), " ")
		l := plainLine(s)
		l.heading = heading
		out = append(out, l)
	}
	return out
}

// frontMatter reads title, date and author from YAML front matter lines.
func frontMatter(ls []string, d *parsed) {
	for _, l := range ls {
		m := mdFrontKey.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		v := strings.Trim(strings.TrimSpace(m[2]), `"'`)
		switch strings.ToLower(m[1]) {
		case "title":
			d.Headline = v
		case "author", "byline":
			d.Byline = v
		case "publisher", "source", "site":
			d.Publisher = v
		case "date", "published":
			if t, _, ok := parseDateLine(v); ok {
				d.Published = t
			}
		}
	}
}
