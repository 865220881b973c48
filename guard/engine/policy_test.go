package engine

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyDocumentMergesBySid: the statements the rules see are the ones
// the provider writes: a statement with the Sid of an earlier one takes its
// place (the document's own over its sources, overrides over both), others
// are added; a statement of the document's own is numbered by its place.
func TestPolicyDocumentMergesBySid(t *testing.T) {
	open := `{ Sid = "Read", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }`
	closed := `{ Sid = "Read", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "*" }`
	list := `{ Sid = "List", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:ListBucket", Resource = "*" }`
	own := func(sid, principal string) string {
		return fmt.Sprintf(`statement {
    sid     = %q
    actions = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [%q]
    }
  }`, sid, principal)
	}
	doc := func(stmts ...string) string {
		return "jsonencode({ Version = \"2012-10-17\", Statement = [" + strings.Join(stmts, ", ") + "] })"
	}
	tests := []struct {
		name, body string
		want       []string // "Sid principal #index" per statement, in order
	}{
		{"an override closes an open source statement",
			"source_policy_documents = [" + doc(open, list) + "]\n  override_policy_documents = [" + doc(closed) + "]",
			[]string{"Read arn:aws:iam::111122223333:root #1", "List arn:aws:iam::111122223333:root #2"}},
		{"an override opens a closed statement of the document's own",
			own("Read", "arn:aws:iam::111122223333:root") + "\n  override_policy_documents = [" + doc(open) + "]",
			[]string{"Read * #1"}},
		{"the document's own statement replaces a source's",
			"source_policy_documents = [" + doc(list, open) + "]\n  " + own("Read", "arn:aws:iam::444455556666:root"),
			[]string{"List arn:aws:iam::111122223333:root #1", "Read arn:aws:iam::444455556666:root #2"}},
		{"statements without a Sid are all kept",
			own("", "arn:aws:iam::444455556666:root") + "\n  override_policy_documents = [" + doc(`{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }`) + "]",
			[]string{" arn:aws:iam::444455556666:root #1", " * #1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "data \"aws_iam_policy_document\" \"d\" {\n  " + tt.body + "\n}\n"
			s, err := ParseFile("main.tf", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			var r *Resource
			for _, x := range s.Resources {
				if x.Data && x.Type == "aws_iam_policy_document" {
					r = x
				}
			}
			if r == nil {
				t.Fatal("no data.aws_iam_policy_document.d")
			}
			p, ok := s.PolicyDocument(r)
			if !ok {
				t.Fatal("data.aws_iam_policy_document.d: not decoded")
			}
			var got []string
			for _, st := range p.Statements {
				var who []string
				for _, ids := range st.Principals {
					who = append(who, ids...)
				}
				got = append(got, fmt.Sprintf("%s %s #%d", st.Sid, strings.Join(who, ","), st.Index))
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("data.aws_iam_policy_document.d statements:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}
