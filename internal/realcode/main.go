// Command realcode is the whole-module check: it runs the retrylint
// command over published modules, fetched from the module proxy at pinned
// versions, and compares every diagnostic with a checked-in list of
// expected findings, each with a one-line verdict. A diagnostic that is not
// on the list fails the check until someone judges it, and so does an
// expected finding that is no longer reported.
//
// Usage (scripts/realcode.sh runs it):
//
//	go run ./internal/realcode -tool BIN -list testdata/realcode/modules.txt [-only MODULE]
//
// The list holds one module a line, `path version pattern...`, followed by
// its expected findings, indented: `file:line rule | verdict`, the file
// relative to the module's root.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// module is one entry of the list.
type module struct {
	path, version string
	patterns      []string
	expected      map[string]string // "file:line rule" -> verdict
	line          int
}

// diagnostic is one finding of the retrylint command's -json output.
type diagnostic struct {
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Category string `json:"category"`
}

func main() {
	tool := flag.String("tool", "", "the retrylint binary")
	list := flag.String("list", "testdata/realcode/modules.txt", "the module list with expected findings")
	only := flag.String("only", "", "check only this module path")
	flag.Parse()
	if *tool == "" {
		fail("-tool is required")
	}
	mods, err := parse(*list)
	if err != nil {
		fail(err.Error())
	}
	work, err := os.MkdirTemp("", "realcode-")
	if err != nil {
		fail(err.Error())
	}
	defer os.RemoveAll(work)
	bad := 0
	for _, m := range mods {
		if *only != "" && m.path != *only {
			continue
		}
		start := time.Now()
		got, err := check(*tool, work, m)
		if err != nil {
			fmt.Printf("FAIL %s@%s: %v\n", m.path, m.version, err)
			bad++
			continue
		}
		n := 0
		for _, key := range sortedKeys(got) {
			if _, ok := m.expected[key]; !ok {
				fmt.Printf("FAIL %s@%s: unjudged finding %s: %s\n", m.path, m.version, key, got[key])
				n++
			}
		}
		for _, key := range sortedKeys(m.expected) {
			if _, ok := got[key]; !ok {
				fmt.Printf("FAIL %s@%s: expected finding %s is no longer reported (%s)\n", m.path, m.version, key, m.expected[key])
				n++
			}
		}
		status := "ok  "
		if n > 0 {
			status = "FAIL"
			bad++
		}
		fmt.Printf("%s %s@%s: %d findings, all judged: %v (%s)\n", status, m.path, m.version, len(got), n == 0, time.Since(start).Round(time.Second))
	}
	if bad > 0 {
		fmt.Printf("realcode: %d of %d modules fail the check\n", bad, len(mods))
		os.Exit(1)
	}
}

// check fetches a module, copies it to a writable directory, downloads its
// requirements and runs the tool over its patterns. It returns the
// findings keyed as the list keys them, with their messages.
func check(tool, work string, m module) (map[string]string, error) {
	out, err := goCmd(work, "mod", "download", "-json", m.path+"@"+m.version)
	if err != nil {
		return nil, err
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return nil, fmt.Errorf("go mod download: %s %v", info.Error, err)
	}
	dir := filepath.Join(work, strings.ReplaceAll(m.path, "/", "_")+"@"+m.version)
	if err := copyTree(info.Dir, dir); err != nil {
		return nil, err
	}
	if _, err := goCmd(dir, "mod", "download"); err != nil {
		return nil, err
	}
	cmd := exec.Command(tool, append([]string{"-json", "-test=false"}, m.patterns...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if err != nil && stdout.Len() == 0 {
		return nil, fmt.Errorf("retrylint: %v\n%s", err, stderr.String())
	}
	// -json: {"pkg": {"retrylint": [diagnostic...] or {"error": ...}}}
	var res map[string]map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("retrylint -json: %v\n%s", err, stderr.String())
	}
	got := map[string]string{}
	for pkg, byAnalyzer := range res {
		for _, raw := range byAnalyzer {
			var diags []diagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				var e struct{ Error string }
				if json.Unmarshal(raw, &e) == nil && e.Error != "" {
					return nil, fmt.Errorf("%s: analysis error: %s", pkg, e.Error)
				}
				return nil, fmt.Errorf("%s: %v", pkg, err)
			}
			for _, d := range diags {
				file, line := position(d.Posn, dir)
				got[fmt.Sprintf("%s:%s %s", file, line, d.Category)] = d.Message
			}
		}
	}
	return got, nil
}

// position turns "dir/file.go:12:3" into the file relative to dir and the
// line.
func position(posn, dir string) (file, line string) {
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return posn, "0"
	}
	file = strings.Join(parts[:len(parts)-2], ":")
	if rel, err := filepath.Rel(dir, file); err == nil {
		file = filepath.ToSlash(rel)
	}
	return file, parts[len(parts)-2]
}

func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// copyTree copies a module from the read-only module cache, with write
// permission, leaving out any go.work (a module is checked on its own).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if d.Name() == "go.work" || d.Name() == "go.work.sum" || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// parse reads the module list.
func parse(name string) ([]module, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var mods []module
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		text := strings.TrimSpace(raw)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			fields := strings.Fields(text)
			if len(fields) < 3 {
				return nil, fmt.Errorf("%s:%d: want `path version pattern...`", name, n)
			}
			mods = append(mods, module{path: fields[0], version: fields[1], patterns: fields[2:], expected: map[string]string{}, line: n})
			continue
		}
		if len(mods) == 0 {
			return nil, fmt.Errorf("%s:%d: a finding before any module", name, n)
		}
		key, verdict, ok := strings.Cut(text, "|")
		key, verdict = strings.Join(strings.Fields(key), " "), strings.TrimSpace(verdict)
		if !ok || verdict == "" || len(strings.Fields(key)) != 2 {
			return nil, fmt.Errorf("%s:%d: want `file:line rule | verdict`", name, n)
		}
		mods[len(mods)-1].expected[key] = verdict
	}
	return mods, sc.Err()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "realcode:", msg)
	os.Exit(2)
}
