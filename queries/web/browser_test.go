package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// findChromium is the path of a Chromium or Chrome binary, or "".
func findChromium() string {
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium (skipping the test when there is
// none) and returns a tab's context. A dialog (alert) opened by any page
// fails the test: it means injected script ran.
func browser(t *testing.T) context.Context {
	t.Helper()
	bin := findChromium()
	if bin == "" {
		t.Skip("chromium not found (apt-get install chromium, or set NEWSGRAPH_CHROMIUM): browser tests skipped")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("cannot start %s: %v: browser tests skipped", bin, err)
	}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			t.Errorf("a page opened a dialog: %q (injected script ran)", ev.Message)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return ctx
}

// shot saves a screenshot of the page into $NEWSGRAPH_SCREENSHOTS/name.png
// when that variable names a folder (docs/web.md shows them).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// do runs browser steps, failing the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	start := time.Now()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	t.Logf("%s: %s", what, time.Since(start).Round(time.Millisecond))
}

// run runs one browser action and returns its value.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// TestBrowser drives a real browser through the pages: search with the
// keyboard, the entity, a fact's source, the neighbourhood picture, a
// Wikidata link, and hostile names that must stay text.
func TestBrowser(t *testing.T) {
	ctx := browser(t)
	ts, _ := testServer(t, Options{})
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	do(t, ctx, "home", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(css("#q")))
	// Search with the keyboard: type, arrow down to the first suggestion,
	// Enter.
	do(t, ctx, "search", chromedp.SendKeys(css("#q"), "zelensk"), chromedp.WaitVisible(css(`#suggest[data-q="zelensk"] li`)))
	shot(t, ctx, "search")
	do(t, ctx, "arrow", chromedp.SendKeys(css("#q"), kb.ArrowDown), chromedp.WaitVisible(css(`#suggest li[aria-selected="true"]`)))
	do(t, ctx, "enter", chromedp.SendKeys(css("#q"), kb.Enter))
	// The script navigates; wait for the new page by its address.
	var url string
	for i := 0; i < 200 && !strings.Contains(url, "/entity"); i++ {
		time.Sleep(50 * time.Millisecond)
		url, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	}
	if !strings.Contains(url, "/entity") {
		t.Fatalf("Enter on the chosen suggestion went to %s, not to the entity", url)
	}
	do(t, ctx, "entity page", chromedp.WaitVisible(css("#label")))
	label := run(t, ctx, chromedp.Text(css("#label")))
	if !strings.Contains(url, "/entity?id=volodymyr_zelenskiy") || label != "Volodymyr Zelenskiy" {
		t.Errorf("search → %s, %q; want Volodymyr Zelenskiy's page", url, label)
	}
	facts := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#facts-subject tr.fact td.rel a")).map(a => a.textContent)`))
	if len(facts) < 2 || facts[0] != "hand over" {
		t.Errorf("facts as subject = %q, want hand over first", facts)
	}
	wd := run(t, ctx, chromedp.AttributeValue(css("a.sameas"), "href"))
	if wd.Value != wikidataZelenskiy {
		t.Errorf("Wikidata link href = %q, want %q", wd.Value, wikidataZelenskiy)
	}
	shot(t, ctx, "entity")

	// Open the first fact's source: its sentence is highlighted, its
	// parts marked.
	do(t, ctx, "fact", chromedp.Click(css("#facts-subject tr.fact a.fact-link")), chromedp.WaitVisible(css("mark#hl")))
	hl := run(t, ctx, chromedp.Text(css("mark#hl")))
	if !strings.HasPrefix(hl, "Ukrainian President Volodymyr Zelenskiy said he is prepared") {
		t.Errorf("highlighted sentence = %q", hl)
	}
	subj, rel, obj := run(t, ctx, chromedp.Text(css("mark#hl .m-subj"))), run(t, ctx, chromedp.Text(css("mark#hl .m-rel"))), run(t, ctx, chromedp.Text(css("mark#hl .m-obj")))
	if subj != "Ukrainian President Volodymyr Zelenskiy" || rel != "hand over" || obj != "captured North Korean soldiers" {
		t.Errorf("marks = %q / %q / %q", subj, rel, obj)
	}
	shot(t, ctx, "fact")

	// Back to the entity, then its neighbourhood picture.
	do(t, ctx, "entity again", chromedp.Navigate(url), chromedp.WaitVisible(css("#nb-link")))
	do(t, ctx, "neighbourhood", chromedp.Click(css("#nb-link")), chromedp.WaitVisible(css("#picture svg")))
	nodes := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#picture svg .node text")).map(n => n.textContent)`))
	// Long labels are cut: the hostile name shows its start, as text.
	want := map[string]bool{"Volodymyr Zelenskiy": false, "North Korean soldiers": false, `<script>alert("pwned")</s`: false}
	for _, n := range nodes {
		for w := range want {
			if strings.HasPrefix(n, w) {
				want[w] = true
			}
		}
	}
	for n, ok := range want {
		if !ok {
			t.Errorf("neighbourhood nodes %q lack %q", nodes, n)
		}
	}
	if os.Getenv("NEWSGRAPH_SCREENSHOTS") != "" {
		do(t, ctx, "two hops", chromedp.Navigate(ts.URL+"/neighbourhood?hops=2&id="+zelenskiyID), chromedp.WaitVisible(css("#picture svg")))
		shot(t, ctx, "neighbourhood")
	}

	// Hostile names: shown as text, no script runs (the dialog listener
	// fails the test), the page keeps one <svg>.
	do(t, ctx, "evil entity", chromedp.Navigate(ts.URL+"/entity?id="+evilID), chromedp.WaitVisible(css("#label")))
	if h1 := run(t, ctx, chromedp.Text(css("#label"))); h1 != evilName {
		t.Errorf("evil entity h1 = %q, want the name as text", h1)
	}
	do(t, ctx, "evil picture", chromedp.Navigate(ts.URL+"/neighbourhood?id="+evilID+"&hops=2"), chromedp.WaitVisible(css("#picture svg")))
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg").length`)); n != 1 {
		t.Errorf("%d <svg> elements on the neighbourhood page, want 1", n)
	}

	// More pages for the docs: the document, a path, the entity at phone
	// width.
	if os.Getenv("NEWSGRAPH_SCREENSHOTS") != "" {
		do(t, ctx, "document", chromedp.Navigate(ts.URL+"/doc?id="+seedDocID), chromedp.WaitVisible(css("svg")))
		shot(t, ctx, "document")
		do(t, ctx, "path", chromedp.Navigate(ts.URL+"/path?a=zelenskiy&b=ukrainian+military"), chromedp.WaitVisible(css("svg")))
		do(t, ctx, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
			chromedp.Navigate(ts.URL+"/entity?id="+zelenskiyID), chromedp.WaitVisible(css("#label")))
		shot(t, ctx, "phone-entity")
	}
}
