package engine

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The template memo (issue 26). Rules and the engine ask the same questions
// of the same template strings many times over (its interpolations, its
// references, whether it is one "${...}", whether it calls timestamp()),
// and hcl/v2 can only answer by parsing the string again (its lexer makes
// a token with a 64-byte hcl.Range per piece): on a generated 4 MB stack
// that was 70% of what the guard allocated. A stack keeps what it needs of
// each template string it has seen (tmplInfo, not the parsed tree) in a
// bounded memo, filled while its files are loaded. While a stack is being
// loaded or checked its memo is also the one the package's free functions
// (Interps, HasInterp, SingleInterp, RefsInString, NondeterministicCall)
// use; when no load or check runs, they parse as before. The memo goes with
// its stack: nothing outlives a run but what the caller keeps.

// tmplInfo is what the guard needs of a parsed template string.
type tmplInfo struct {
	interps []Interp
	refs    []Ref
	// nondet is the nondeterministic function called ("uuid()"), or "".
	nondet string
	// wrap is true when the string is exactly one "${...}".
	wrap bool
	// plain is true when the template has no function call, conditional,
	// operator or for expression and every variable in it is a reference
	// to a resource or data source (each one of refs): evaluation leaves it
	// as written (see evaluator.leavesAsWritten).
	plain bool
}

// tmplMemoMax bounds the entries of one memo; past it strings are parsed
// every time they are asked about (as without a memo).
const tmplMemoMax = 1 << 21

// tmplMemo maps template strings to their tmplInfo (nil: does not parse).
type tmplMemo struct {
	mu sync.Mutex
	m  map[string]*tmplInfo
}

func newTmplMemo() *tmplMemo { return &tmplMemo{m: map[string]*tmplInfo{}} }

func (t *tmplMemo) get(s string) (*tmplInfo, bool) {
	t.mu.Lock()
	i, ok := t.m[s]
	t.mu.Unlock()
	return i, ok
}

// adopt takes the entries of m, taking m itself when the memo is empty
// (a stack of one file: no copy).
func (t *tmplMemo) adopt(m map[string]*tmplInfo) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m) == 0 && m != nil && len(m) <= tmplMemoMax {
		t.m = m
		return
	}
	for k, v := range m {
		if len(t.m) >= tmplMemoMax {
			return
		}
		t.m[k] = v
	}
}

func (t *tmplMemo) put(s string, i *tmplInfo) {
	t.mu.Lock()
	if len(t.m) < tmplMemoMax {
		t.m[s] = i
	}
	t.mu.Unlock()
}

// activeMemo is the memo of the loads and checks running now (the first
// one's; any is right, the answers depend only on the string).
var activeMemo struct {
	mu    sync.Mutex
	users int
	memo  atomic.Pointer[tmplMemo]
}

// useMemo makes m the active memo, unless one already is, until release.
func useMemo(m *tmplMemo) (release func()) {
	activeMemo.mu.Lock()
	defer activeMemo.mu.Unlock()
	activeMemo.users++
	if activeMemo.memo.Load() == nil {
		activeMemo.memo.Store(m)
	}
	return func() {
		activeMemo.mu.Lock()
		defer activeMemo.mu.Unlock()
		activeMemo.users--
		if activeMemo.users == 0 {
			activeMemo.memo.Store(nil)
		}
	}
}

// infoOf returns what the guard needs of the parsed template parse made of
// s (nil when it does not parse).
func infoOf(t template) *tmplInfo {
	if t.expr == nil {
		return nil
	}
	return &tmplInfo{interps: t.interps, refs: refsOf(t.expr), nondet: nondetCall(t.expr), wrap: isWrap(t.expr), plain: plainTemplate(t.expr)}
}

// plainTemplate reports whether e computes nothing (computes, which
// evaluator.worthEvaluating also asks) and has only variables whose root is
// a resource type or "data" that name a resource or data source
// (refOfTraversal): no variable, local, module, count, each, path or
// terraform value.
func plainTemplate(e hclsyntax.Expression) bool {
	for _, tr := range e.Variables() {
		root := tr.RootName()
		if evalRoots[root] || !(root == "data" || strings.Contains(root, "_")) {
			return false
		}
		if _, isRef := refOfTraversal(tr); !isRef {
			return false
		}
	}
	return !computes(e)
}

func isWrap(e hclsyntax.Expression) bool {
	_, ok := e.(*hclsyntax.TemplateWrapExpr)
	return ok
}

// templateInfo returns the tmplInfo of s from memo (the active memo when
// nil), parsing s when it is not there; nil when s has no interpolation
// or does not parse.
func templateInfo(memo *tmplMemo, s string) *tmplInfo {
	if !mayInterpolate(s) {
		return nil
	}
	if memo == nil {
		memo = activeMemo.memo.Load()
	}
	if memo != nil {
		if i, ok := memo.get(s); ok {
			return i
		}
	}
	i := infoOf(parseTemplate(s, "", hcl.InitialPos))
	if memo != nil {
		memo.put(s, i)
	}
	return i
}
