package compute

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
)

// Runtime is a Lambda runtime identifier, e.g. "python3.13".
type Runtime string

// Supported runtimes: the current ones in the AWS Lambda runtime table that
// AWS provider 5.x accepts.
const (
	Python312 Runtime = "python3.12"
	Python313 Runtime = "python3.13"
	NodeJS22  Runtime = "nodejs22.x"
)

// DefaultRuntime is used when FunctionProps.Runtime is empty.
const DefaultRuntime = Python313

// supported maps each accepted runtime to its language.
var supported = map[Runtime]language{
	Python312: python,
	Python313: python,
	NodeJS22:  node,
}

type language int

const (
	python language = iota + 1
	node
)

// Runtimes lists the accepted runtimes, sorted.
func Runtimes() []Runtime {
	out := make([]Runtime, 0, len(supported))
	for r := range supported {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// orDefault returns r, or DefaultRuntime when r is empty.
func (r Runtime) orDefault() Runtime {
	if r == "" {
		return DefaultRuntime
	}
	return r
}

// Validate reports why a runtime is refused: retired by AWS Lambda (with
// the date and the replacement, from catalog.LambdaRuntimes, the calendar
// RDS engine versions are judged by too) or not supported here (with the
// accepted list). Empty means the default.
func (r Runtime) Validate() error {
	r = r.orDefault()
	if rel, known := catalog.LambdaRuntimes.Lookup(string(r)); known && rel.IsRetired() {
		return catalog.LambdaRuntimes.Check("runtime", string(r))
	}
	if _, ok := supported[r]; ok {
		return nil
	}
	names := make([]string, 0, len(supported))
	for _, s := range Runtimes() {
		names = append(names, string(s))
	}
	return fmt.Errorf("runtime: %q is not supported; use one of %s", string(r), strings.Join(names, ", "))
}
