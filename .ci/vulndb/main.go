// Command vulndb turns the OSV reports of the golang.org/x/vulndb module
// (its data/osv folder, fetched through the Go module proxy) into the
// database layout govulncheck reads with -db file:///DIR: index/db.json,
// index/modules.json, index/vulns.json and ID/<id>.json. It stands in for
// https://vuln.go.dev, which CI cannot reach. With -check it reads
// govulncheck's JSON output instead, prints one line per vulnerability found
// and fails when code calls a vulnerable function of a module (findings in
// the standard library are printed only: a newer Go toolchain fixes them).
// Usage:
//
//	go run ./.ci/vulndb OSV-DIR OUT-DIR
//	go run ./.ci/vulndb -check < govulncheck.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type osv struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
	} `json:"affected"`
}

type modVuln struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
	Fixed    string `json:"fixed,omitempty"`
}

type module struct {
	Path  string    `json:"path"`
	Vulns []modVuln `json:"vulns"`
}

type vulnEntry struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases,omitempty"`
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-check" {
		os.Exit(check(os.Stdin))
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: vulndb OSV-DIR OUT-DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "vulndb:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	files, err := filepath.Glob(filepath.Join(in, "*.json"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no OSV reports", in)
	}
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	mods := map[string]*module{}
	var vulns []vulnEntry
	modified := "0001-01-01T00:00:00Z"
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var v osv
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		var compact strings.Builder
		enc := json.NewEncoder(&compact)
		var raw any
		json.Unmarshal(b, &raw)
		enc.Encode(raw)
		if err := os.WriteFile(filepath.Join(out, "ID", v.ID+".json"), []byte(strings.TrimSpace(compact.String())), 0o644); err != nil {
			return err
		}
		vulns = append(vulns, vulnEntry{v.ID, v.Modified, v.Aliases})
		if v.Modified > modified {
			modified = v.Modified
		}
		for _, a := range v.Affected {
			m := mods[a.Package.Name]
			if m == nil {
				m = &module{Path: a.Package.Name}
				mods[a.Package.Name] = m
			}
			// The index's fixed version is only a hint that spares reading
			// the report; give it only when it is unambiguous (one range
			// ending in a fix), which is always safe.
			fixed := ""
			if len(a.Ranges) == 1 {
				if ev := a.Ranges[0].Events; len(ev) > 0 {
					fixed = ev[len(ev)-1]["fixed"]
				}
			}
			m.Vulns = append(m.Vulns, modVuln{v.ID, v.Modified, fixed})
		}
	}
	var list []*module
	for _, m := range mods {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	sort.Slice(vulns, func(i, j int) bool { return vulns[i].ID < vulns[j].ID })
	for name, v := range map[string]any{"db.json": map[string]string{"modified": modified}, "modules.json": list, "vulns.json": vulns} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "index", name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// check reads govulncheck -format json from r and returns the exit status.
func check(r io.Reader) int {
	type frame struct {
		Module, Version, Package, Function string
	}
	type message struct {
		Finding *struct {
			OSV          string  `json:"osv"`
			FixedVersion string  `json:"fixed_version"`
			Trace        []frame `json:"trace"`
		} `json:"finding"`
	}
	seen := map[string]bool{}
	failed := 0
	dec := json.NewDecoder(r)
	for {
		var m message
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "vulndb -check:", err)
			return 1
		}
		f := m.Finding
		if f == nil || len(f.Trace) == 0 {
			continue
		}
		top := f.Trace[0]
		level := "module required"
		if top.Function != "" {
			level = "called"
		} else if top.Package != "" {
			level = "package imported"
		}
		line := fmt.Sprintf("%s: %s@%s (fixed in %s): %s", f.OSV, top.Module, top.Version, f.FixedVersion, level)
		if seen[line] {
			continue
		}
		seen[line] = true
		if level == "called" && top.Module != "stdlib" {
			failed++
			line += " — FAIL"
		}
		fmt.Println(line)
	}
	fmt.Printf("govulncheck: %d findings; %d called in modules\n", len(seen), failed)
	if failed > 0 {
		return 1
	}
	return 0
}
