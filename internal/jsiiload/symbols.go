package jsiiload

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
)

// linkedSet is what the running binary links of the jsii world, read from
// the function names in its own pclntab, the table the Go runtime keeps for
// stack traces in every binary (stripped ones too): the Go bindings can only
// ever name provider types of packages that are linked, and every one of
// them has an init function (it registers the package's types).
type linkedSet struct {
	// Packages are the linked Go packages of the provider module, by name
	// ("s3bucket", "provider"), sorted.
	Packages []string
	// Foreign are jsii packages other than constructs, cdktf and the AWS
	// provider (import paths of their generated "jsii" packages). Their
	// JavaScript might use any provider namespace, and through
	// `import * as` copies only enumerable exports, which lazy-index.js
	// does not define: the stock tarball is then used.
	Foreign []string
}

// Import paths the scan recognizes.
const (
	awsModulePrefix = "github.com/cdktf/cdktf-provider-aws-go/aws/v19/"
	jsiiInitFunc    = "/jsii.Initialize"
)

var knownJSII = map[string]bool{
	"github.com/aws/constructs-go/constructs/v10/jsii":    true,
	"github.com/hashicorp/terraform-cdk-go/cdktf/jsii":    true,
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/jsii": true,
}

// errNoPclntab means the executable's function table was not found (not an
// ELF, Mach-O or PE file).
var errNoPclntab = errors.New("no Go function table found in the executable")

var (
	linkedOnce sync.Once
	linkedRes  *linkedSet
	linkedErr  error
)

// scanLinked reads the running executable's function names, once per process.
func scanLinked() (*linkedSet, error) {
	linkedOnce.Do(func() { linkedRes, linkedErr = scanExecutable() })
	return linkedRes, linkedErr
}

func scanExecutable() (*linkedSet, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	tab, err := pclntab(exe)
	if err != nil {
		return nil, err
	}
	return parseNames(tab), nil
}

// pclntab returns the raw Go function table section of an ELF or Mach-O
// file, or the PE read-only data section that holds it on Windows.
func pclntab(exe string) ([]byte, error) {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".gopclntab"); sec != nil {
			if sec.Flags&elf.SHF_COMPRESSED != 0 || sec.Type == elf.SHT_NOBITS {
				return sec.Data()
			}
			return readSection(sec, sec.Size)
		}
		return nil, errNoPclntab
	}
	if f, err := macho.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section("__gopclntab"); sec != nil {
			return readSection(sec, sec.Size)
		}
		return nil, errNoPclntab
	}
	if f, err := pe.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".rdata"); sec != nil {
			return sec.Data()
		}
	}
	return nil, errNoPclntab
}

// parseNames finds provider packages and foreign jsii packages among
// NUL-terminated function names (inlined functions are listed too).
// readSection reads a section of size bytes in one piece. Section.Data
// reads in chunks it appends (the section is 10 MB and more in a binary
// that links the provider: a third of the Go side's CPU in a synthesis went
// to growing and copying that slice); this reads straight into a buffer of
// the final size.
func readSection(sec io.ReaderAt, size uint64) ([]byte, error) {
	if size > 1<<31 {
		return nil, fmt.Errorf("function table of %d bytes", size)
	}
	b := make([]byte, size)
	if _, err := sec.ReadAt(b, 0); err != nil {
		return nil, err
	}
	return b, nil
}

func parseNames(names []byte) *linkedSet {
	pkgs := map[string]bool{}
	foreign := map[string]bool{}
	prefix := []byte(awsModulePrefix)
	for rest := names; ; {
		i := bytes.Index(rest, prefix)
		if i < 0 {
			break
		}
		rest = rest[i+len(prefix):]
		j := 0
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] >= '0' && rest[j] <= '9') {
			j++
		}
		if j > 0 && j < len(rest) && rest[j] == '.' {
			pkgs[string(rest[:j])] = true
		}
	}
	suffix := []byte(jsiiInitFunc + "\x00")
	for rest := names; ; {
		i := bytes.Index(rest, suffix)
		if i < 0 {
			break
		}
		start := bytes.LastIndexByte(rest[:i], 0) + 1
		path := string(rest[start : i+len(jsiiInitFunc)-len(".Initialize")])
		if !knownJSII[path] {
			foreign[path] = true
		}
		rest = rest[i+len(suffix):]
	}
	delete(pkgs, "jsii")
	delete(pkgs, "internal")
	return &linkedSet{Packages: sortedKeys(pkgs), Foreign: sortedKeys(foreign)}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
