package stack

import (
	"sync"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/tfexpr"
)

// plainText maps the Terraform references the constructs return (a
// function's Name(), an instance's Identifier(), ...) to the plain text
// they resolve to, so a construct that needs the plain text at synth (an
// alarm name, a dimension) accepts what another construct returned.
var plainText sync.Map // reference -> plain text

// RecordPlain records that the Terraform reference ref always resolves to
// plain, a name fixed at synth (a construct's deterministic name). Every
// construct of this library calls it for the name references it returns.
func RecordPlain(ref, plain string) {
	if ref != "" && plain != "" && tfexpr.IsReference(ref) {
		plainText.Store(ref, plain)
	}
}

// PlainText returns the plain text of v: v itself when it holds no
// Terraform reference; the recorded name when v is a reference a construct
// of this library returned (RecordPlain); ok is false for any other
// reference, whose value only Terraform knows.
func PlainText(v string) (plain string, ok bool) {
	if !tfexpr.IsReference(v) {
		return v, true
	}
	p, ok := plainText.Load(v)
	if !ok {
		return "", false
	}
	return p.(string), true
}
