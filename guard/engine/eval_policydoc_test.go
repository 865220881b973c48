package engine

import "testing"

// TestPolicyDocumentJSON: a data.aws_iam_policy_document whose arguments are
// known has a known minified_json during evaluation, written the way the AWS
// provider writes it; one argument known only after apply leaves it unknown.
func TestPolicyDocumentJSON(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"everyone, one action", `statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Principal":"*"}]}`},
		{"conditions merged, policy variable kept", `policy_id = "P"
  statement {
    sid     = "Deny"
    effect  = "Deny"
    actions = ["s3:*", "s3:GetObject"]
    not_resources = ["arn:aws:s3:::b/$${aws:username}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::1:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::2:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = [var.flag]
    }
  }`, `{"Version":"2012-10-17","Id":"P","Statement":[{"Sid":"Deny","Effect":"Deny","Action":["s3:*","s3:GetObject"],"NotResource":"arn:aws:s3:::b/$${aws:username}/*","Principal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"]},"Condition":{"Bool":{"aws:SecureTransport":["false","true"]}}}]}`},
		{"source document, same Sid replaced", `source_policy_documents = [jsonencode({ Statement = [{ Sid = "A", Effect = "Allow", Action = "s3:PutObject", Resource = "*" }, { Sid = "B", Effect = "Allow", Action = "s3:ListBucket", Resource = "*" }] })]
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }`, `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Action":"s3:ListBucket","Effect":"Allow","Resource":"*","Sid":"B"}]}`},
		{"a resource known after apply", `statement {
    actions   = ["s3:GetObject"]
    resources = [aws_s3_bucket.b.arn]
  }`, ""},
		{"dynamic statements over a known list", `dynamic "statement" {
    for_each = ["s3:GetObject"]
    content {
      actions   = [statement.value]
      resources = ["*"]
    }
  }`, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "variable \"flag\" {\n  default = \"true\"\n}\ndata \"aws_iam_policy_document\" \"d\" {\n  " + tt.doc + "\n}\nlocals {\n  j = data.aws_iam_policy_document.d.minified_json\n}\n"
			s, err := ParseFile("main.tf", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			// Locals hold the JSON form: a known string is a literal whose
			// "${" is escaped as "$${"; an unknown one stays its template.
			got := Str(s.Locals["j"])
			if tt.want == "" {
				if !HasInterp(got) {
					t.Errorf("json = %s; want unknown", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("json =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
