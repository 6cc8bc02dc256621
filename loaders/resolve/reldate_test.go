package resolve

import (
	"testing"
	"time"
)

func TestRelativeDate(t *testing.T) {
	wed := time.Date(2019, 1, 9, 15, 30, 0, 0, time.UTC) // a Wednesday
	mon := time.Date(2019, 1, 7, 0, 0, 0, 0, time.UTC)
	sun := time.Date(2019, 2, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		pub  time.Time
		want string
	}{
		{"on Monday", wed, "2019-01-07"},
		{"Monday", mon, "2019-01-07"}, // the day itself
		{"on Thursday", wed, "2019-01-03"},
		{"last Monday", mon, "2018-12-31"},
		{"next Monday", wed, "2019-01-14"},
		{"on Saturdays", wed, "2019-01-05"},
		{"this Friday", wed, "2019-01-11"},
		{"yesterday", wed, "2019-01-08"},
		{"last night", wed, "2019-01-08"},
		{"tomorrow", wed, "2019-01-10"},
		{"the day before yesterday", wed, "2019-01-07"},
		{"earlier today", wed, "2019-01-09"},
		{"two days ago", wed, "2019-01-07"},
		{"3 days ago", wed, "2019-01-06"},
		{"a week ago", wed, ""},                                                // Dec 31 – Jan 6: crosses a year, no one period holds it
		{"last week", time.Date(2019, 1, 17, 0, 0, 0, 0, time.UTC), "2019-01"}, // Jan 7–13
		{"last week", sun, "2019-01"},                                          // Jan 21–27 (Sunday Feb 3 ends the week of Jan 28)
		{"this week", wed, "2019-01"},
		{"next week", wed, "2019-01"},
		{"last weekend", wed, "2019-01"},     // Jan 5–6
		{"over the weekend", sun, "2019-02"}, // Feb 2–3
		{"two months ago", wed, "2018-11"},
		{"five years ago", wed, "2014"},
		{"next month", wed, "2019-02"},
		{"this month", wed, "2019-01"},
		{"next year", wed, "2020"},
		{"several days ago", wed, ""},
		{"on Monday", time.Time{}, ""}, // no publication date: no invented date
		{"at the meeting", wed, ""},
	}
	for _, tt := range tests {
		if got := RelativeDate(tt.text, tt.pub); got != tt.want {
			t.Errorf("RelativeDate(%q, %s) = %q, want %q", tt.text, tt.pub.Format("Mon 2006-01-02"), got, tt.want)
		}
	}
	// Absolute dates keep going through ResolveDate; relative ones after it.
	for text, want := range map[string]string{"on Monday, January 7": "2019-01-07", "on Monday": "2019-01-07", "on December 23": "2018-12-23", "last fall": "2018"} {
		if got := resolveTime(text, wed); got != want {
			t.Errorf("resolveTime(%q) = %q, want %q", text, got, want)
		}
	}
	if got := resolveTime("on December 23", time.Time{}); got != "--12-23" {
		t.Errorf("without a date: %q, want --12-23 (no invented year)", got)
	}
}
