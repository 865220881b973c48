package compute

import (
	"fmt"
	"sort"
	"strings"
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

// retired lists runtimes refused with the reason and the replacement. Dates
// are AWS's published deprecation dates (docs: lambda-runtimes.html).
var retired = map[Runtime]struct{ reason, use string }{
	"nodejs20.x": {"deprecated by AWS Lambda on 2026-04-30 (Node.js 20 end of life)", "nodejs22.x"},
	"nodejs18.x": {"deprecated by AWS Lambda on 2025-09-01", "nodejs22.x"},
	"nodejs16.x": {"deprecated by AWS Lambda on 2024-06-12", "nodejs22.x"},
	"nodejs14.x": {"deprecated by AWS Lambda on 2023-12-04", "nodejs22.x"},
	"nodejs12.x": {"deprecated by AWS Lambda on 2023-03-31", "nodejs22.x"},
	"python3.11": {"deprecated by AWS Lambda on 2026-06-30", "python3.13"},
	"python3.10": {"deprecated by AWS Lambda on 2026-06-30", "python3.13"},
	"python3.9":  {"deprecated by AWS Lambda on 2025-12-15", "python3.13"},
	"python3.8":  {"deprecated by AWS Lambda on 2024-10-14", "python3.13"},
	"python3.7":  {"deprecated by AWS Lambda on 2023-12-04", "python3.13"},
	"python2.7":  {"deprecated by AWS Lambda on 2021-07-15", "python3.13"},
}

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

// Validate reports why a runtime is refused: deprecated (with the
// replacement) or unknown (with the accepted list). Empty means the default.
func (r Runtime) Validate() error {
	r = r.orDefault()
	if _, ok := supported[r]; ok {
		return nil
	}
	if d, ok := retired[r]; ok {
		return fmt.Errorf("runtime: %q is %s and no longer receives security patches; use %q", string(r), d.reason, d.use)
	}
	names := make([]string, 0, len(supported))
	for _, s := range Runtimes() {
		names = append(names, string(s))
	}
	return fmt.Errorf("runtime: %q is not supported; use one of %s", string(r), strings.Join(names, ", "))
}
