package compute

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var (
	identPattern  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	nodeJSPattern = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
	nodeFile      = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$`)
)

// handlerTarget is what a handler string points at: the candidate files
// (any one must exist) and the function name to look for.
type handlerTarget struct {
	files []string
	fn    string
}

// parseHandler checks the handler's format for the runtime's language:
// Python "module.function" (module may be a dotted or slashed path, e.g.
// "app.handler", "pkg/app.handler"); Node.js "file.function" (file may have
// folders, e.g. "index.handler", "src/index.handler").
func parseHandler(lang language, h string) (handlerTarget, error) {
	if h == "" {
		return handlerTarget{}, fmt.Errorf("handler: must not be empty; e.g. %q", example(lang))
	}
	if len(h) > 128 {
		return handlerTarget{}, fmt.Errorf("handler: %d characters; Lambda allows at most 128", len(h))
	}
	switch lang {
	case python:
		i := strings.LastIndexByte(h, '.')
		if i <= 0 || i == len(h)-1 {
			return handlerTarget{}, fmt.Errorf("handler: %q is not \"module.function\" for Python; e.g. %q for def handler(event, context) in app.py", h, "app.handler")
		}
		module, fn := h[:i], h[i+1:]
		parts := strings.FieldsFunc(module, func(r rune) bool { return r == '.' || r == '/' })
		ok := identPattern.MatchString(fn) && len(parts) > 0 && !strings.HasPrefix(module, "/") && !strings.Contains(module, "..") && !strings.Contains(module, "//")
		for _, p := range parts {
			ok = ok && identPattern.MatchString(p)
		}
		if !ok {
			return handlerTarget{}, fmt.Errorf("handler: %q is not \"module.function\" with Python identifiers; e.g. %q", h, "app.handler")
		}
		base := strings.Join(parts, "/")
		return handlerTarget{files: []string{base + ".py", base + "/__init__.py"}, fn: fn}, nil
	default:
		slash := strings.LastIndexByte(h, '/')
		dot := strings.IndexByte(h[slash+1:], '.')
		if dot <= 0 {
			return handlerTarget{}, fmt.Errorf("handler: %q is not \"file.function\" for Node.js; e.g. %q for export const handler in index.mjs", h, "index.handler")
		}
		file, fnPath := h[:slash+1+dot], h[slash+1+dot+1:]
		ok := nodeFile.MatchString(file) && fnPath != ""
		for _, p := range strings.Split(fnPath, ".") {
			ok = ok && nodeJSPattern.MatchString(p)
		}
		if !ok {
			return handlerTarget{}, fmt.Errorf("handler: %q is not \"file.function\" for Node.js; e.g. %q", h, "index.handler")
		}
		fn := strings.Split(fnPath, ".")[0]
		return handlerTarget{files: []string{file + ".js", file + ".mjs", file + ".cjs"}, fn: fn}, nil
	}
}

func example(lang language) string {
	if lang == python {
		return "app.handler"
	}
	return "index.handler"
}

// checkHandlerInPackage verifies that the handler's file is among the
// packaged files and that it defines (Python) or mentions (Node.js) the
// function, so a typo fails at synth instead of at the first invocation.
func checkHandlerInPackage(lang language, h, dir string, files []string) error {
	t, err := parseHandler(lang, h)
	if err != nil {
		return err
	}
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[f] = true
	}
	for _, f := range t.files {
		if !have[f] {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return fmt.Errorf("handler: reading %s: %v", f, err)
		}
		if !defines(lang, string(src), t.fn) {
			return fmt.Errorf("handler: %q: %s in %q does not define %q; add it or fix the handler", h, f, dir, t.fn)
		}
		return nil
	}
	return fmt.Errorf("handler: %q needs %s in the source folder %q, which has %s; fix the handler or the folder", h, strings.Join(t.files[:len(t.files)-1], ", ")+" or "+t.files[len(t.files)-1], dir, summarize(files))
}

// defines reports whether src defines fn: for Python a top-level def, class,
// assignment or import of the name; for Node.js any whole-word mention (the
// export forms are too many to parse reliably).
func defines(lang language, src, fn string) bool {
	q := regexp.QuoteMeta(fn)
	if lang == python {
		re := regexp.MustCompile(`(?m)^(?:(?:async\s+)?def|class)\s+` + q + `\b|^` + q + `\s*[:=]|^(?:from\s+\S+\s+)?import\s+.*\b` + q + `\b`)
		return re.MatchString(src)
	}
	return regexp.MustCompile(`(^|[^A-Za-z0-9_$])` + regexp.QuoteMeta(fn) + `($|[^A-Za-z0-9_$])`).MatchString(src)
}

func summarize(files []string) string {
	const max = 8
	if len(files) > max {
		return strings.Join(files[:max], ", ") + fmt.Sprintf(" and %d more", len(files)-max)
	}
	return strings.Join(files, ", ")
}
