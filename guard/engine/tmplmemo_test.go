package engine

import (
	"reflect"
	"sync"
	"testing"
)

// TestTemplateMemo checks that the answers with a memo (the stack's, active
// while loads and checks run, several at once) are those without one, and
// that no memo stays active once the runs are over.
func TestTemplateMemo(t *testing.T) {
	src := []byte(`{"resource": {"aws_s3_bucket": {"a": {"bucket": "x-${var.env}"}},
	  "aws_s3_bucket_policy": {"p": {"bucket": "${aws_s3_bucket.a.id}", "policy": "{\"Resource\":\"${aws_s3_bucket.a.arn}/*\"}"}}},
	  "variable": {"env": {"default": "dev"}}}`)
	strs := []string{"${aws_s3_bucket.a.id}", "x-${var.env}", "${uuid()}", "$${x}", "${", "plain",
		"a ${data.aws_region.r.name} %{ if true }x%{ endif } ${timestamp()}", "${ local.x }"}
	type answer struct {
		interps []Interp
		refs    []Ref
		nondet  string
		single  string
		isOne   bool
		has     bool
	}
	ask := func(s string) answer {
		e, one := SingleInterp(s)
		return answer{Interps(s), RefsInString(s), NondeterministicCall(s), e, one, HasInterp(s)}
	}
	if activeMemo.memo.Load() != nil {
		t.Fatal("a memo is active before any run")
	}
	want := map[string]answer{}
	for _, s := range strs {
		want[s] = ask(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := ParseStack(src)
			if err != nil {
				t.Error(err)
				return
			}
			release := useMemo(st.memo())
			defer release()
			for i := 0; i < 50; i++ {
				for _, s := range strs {
					if got := ask(s); !reflect.DeepEqual(got, want[s]) {
						t.Errorf("%q with a memo: %+v, want %+v", s, got, want[s])
					}
				}
				if got := st.Resolve("${aws_s3_bucket.a.bucket}"); got != "x-dev" && got != "x-${var.env}" {
					t.Errorf("Resolve: %q", got)
				}
				if refs := st.Referrers("aws_s3_bucket.a", "aws_s3_bucket_policy", ""); len(refs) != 1 {
					t.Errorf("Referrers: %v", refs)
				}
			}
			if _, ok := st.memo().get("${aws_s3_bucket.a.bucket}"); !ok {
				t.Error("the stack's memo does not hold a string its Resolve parsed")
			}
			if _, ok := st.memo().get("${aws_s3_bucket.a.id}"); !ok {
				t.Error("the stack's memo does not hold a template its file's load parsed")
			}
		}()
	}
	wg.Wait()
	if activeMemo.memo.Load() != nil || activeMemo.users != 0 {
		t.Errorf("a memo is still active after the runs (%d users)", activeMemo.users)
	}
}
