package resolve

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// resolveTime resolves a fact's time expression: absolute dates and the
// expressions ResolveDate knows first, then the relative ones RelativeDate
// places against the publication date.
func resolveTime(text string, pub time.Time) string {
	if d := ResolveDate(text, pub); d != "" {
		return d
	}
	return RelativeDate(text, pub)
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var smallNumbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": -1, "few": -1}

// RelativeDate places a relative time expression ("on Monday", "last
// week", "yesterday", "two days ago", "next month") against the
// publication date pub, as the narrowest ISO date that holds the whole
// period it names: a day (YYYY-MM-DD), else its month (YYYY-MM), else its
// year (YYYY) — "last week" is a month only when the whole week lies in
// one. A bare weekday is the latest such day on or before pub, as news
// reports past events; "next Monday" the first after it, "last Monday"
// the latest before it. Without a publication date, or for an expression
// it does not know, it returns "": the fact keeps its text and no year is
// invented.
func RelativeDate(text string, pub time.Time) string {
	if pub.IsZero() {
		return ""
	}
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if w = strings.Trim(w, ".,;:!?'\"()"); w != "" {
			ws = append(ws, w)
		}
	}
	has := func(phrase string) bool {
		return strings.Contains(" "+strings.Join(ws, " ")+" ", " "+phrase+" ")
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	switch {
	case has("the day before yesterday"):
		return day(pub.AddDate(0, 0, -2))
	case has("the day after tomorrow"):
		return day(pub.AddDate(0, 0, 2))
	case has("yesterday") || has("last night"):
		return day(pub.AddDate(0, 0, -1))
	case has("tomorrow"):
		return day(pub.AddDate(0, 0, 1))
	case has("today") || has("tonight") || has("this morning") || has("this afternoon") || has("this evening"):
		return day(pub)
	}
	// "two days ago", "a week ago", "three years ago".
	for i := 0; i+2 < len(ws); i++ {
		if ws[i+2] != "ago" {
			continue
		}
		n, ok := smallNumbers[ws[i]]
		if !ok {
			v, err := strconv.Atoi(ws[i])
			if err != nil {
				continue
			}
			n = v
		}
		if n < 0 { // "several days ago": no one date
			return ""
		}
		switch strings.TrimSuffix(ws[i+1], "s") {
		case "day":
			return day(pub.AddDate(0, 0, -n))
		case "week":
			start := weekStart(pub).AddDate(0, 0, -7*n)
			return span(start, start.AddDate(0, 0, 6))
		case "month":
			return pub.AddDate(0, -n, 1-pub.Day()).Format("2006-01")
		case "year":
			return strconv.Itoa(pub.Year() - n)
		}
	}
	for i, w := range ws {
		wd, ok := weekdays[strings.TrimSuffix(w, "s")]
		if !ok {
			continue
		}
		prev := ""
		if i > 0 {
			prev = ws[i-1]
		}
		back := (int(pub.Weekday()) - int(wd) + 7) % 7 // days since the latest such day on or before pub
		switch prev {
		case "next", "coming":
			fwd := (int(wd) - int(pub.Weekday()) + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			return day(pub.AddDate(0, 0, fwd))
		case "last", "past", "previous":
			if back == 0 {
				back = 7
			}
			return day(pub.AddDate(0, 0, -back))
		case "this":
			return day(weekStart(pub).AddDate(0, 0, (int(wd)+6)%7))
		}
		return day(pub.AddDate(0, 0, -back))
	}
	switch {
	case has("last weekend") || has("the weekend"): // the latest Saturday and Sunday before pub
		back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7
		if back == 0 {
			back = 7
		}
		sat := pub.AddDate(0, 0, -back)
		return span(sat, sat.AddDate(0, 0, 1))
	case has("last week") || has("the previous week"):
		start := weekStart(pub).AddDate(0, 0, -7)
		return span(start, start.AddDate(0, 0, 6))
	case has("this week"):
		start := weekStart(pub)
		return span(start, start.AddDate(0, 0, 6))
	case has("next week"):
		start := weekStart(pub).AddDate(0, 0, 7)
		return span(start, start.AddDate(0, 0, 6))
	case has("the past week") || has("the last week"):
		return span(pub.AddDate(0, 0, -7), pub)
	case has("this month"):
		return pub.Format("2006-01")
	case has("next month"):
		return pub.AddDate(0, 1, 1-pub.Day()).Format("2006-01")
	case has("next year"):
		return strconv.Itoa(pub.Year() + 1)
	}
	return ""
}

// weekStart returns the Monday of t's ISO week.
func weekStart(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// span returns the narrowest ISO date holding the days from a to b: the day
// when they are one, else the month, else the year; "" when they cross a
// year.
func span(a, b time.Time) string {
	switch {
	case a.Equal(b):
		return a.Format("2006-01-02")
	case a.Year() == b.Year() && a.Month() == b.Month():
		return a.Format("2006-01")
	case a.Year() == b.Year():
		return fmt.Sprintf("%04d", a.Year())
	}
	return ""
}
