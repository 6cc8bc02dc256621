package document

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// months maps English month names and abbreviations to months.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// dateLine matches a line that is only a date, as news pages print them:
// "Friday, January 4, 2019", "Published: Jan. 12, 2025 at 3:04 PM EST",
// "12 January 2025 | 14:30 GMT", "Updated 2025-01-12T10:00:00Z".
var dateLine = regexp.MustCompile(`(?i)^(?:(published|updated|posted|last updated|first published|last modified|date|dated)(?:\s+(?:on|at))?\s*:?\s*)?` +
	`(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?` +
	`(?:(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` +
	`|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` +
	`|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4}))` +
	`(?:\s*[,|·•–—-]?\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*\(?[a-z]{2,5}\)?)?)?\s*$`)

// parseDateLine parses a line that holds nothing but a date. It reports the
// date (UTC midnight) and the label before it, lower-cased ("published",
// "last updated"; "" when none).
func parseDateLine(line string) (t time.Time, label string, ok bool) {
	if len(line) > 80 {
		return time.Time{}, "", false
	}
	m := dateLine.FindStringSubmatch(line)
	if m == nil {
		return time.Time{}, "", false
	}
	var (
		year, day int
		month     time.Month
	)
	switch {
	case m[2] != "":
		year, _ = strconv.Atoi(m[2])
		mo, _ := strconv.Atoi(m[3])
		month = time.Month(mo)
		day, _ = strconv.Atoi(m[4])
	case m[5] != "":
		month = months[strings.ToLower(m[5])]
		day, _ = strconv.Atoi(m[6])
		year, _ = strconv.Atoi(m[7])
	default:
		day, _ = strconv.Atoi(m[8])
		month = months[strings.ToLower(m[9])]
		year, _ = strconv.Atoi(m[10])
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200 {
		return time.Time{}, "", false
	}
	t = time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // February 30 and the like
		return time.Time{}, "", false
	}
	return t, strings.ToLower(m[1]), true
}

// isUpdate reports whether a date label marks a change rather than the
// publication.
func isUpdate(label string) bool {
	return strings.Contains(label, "updated") || strings.Contains(label, "modified")
}
