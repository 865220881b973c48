package rules

import (
	"strings"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

func init() {
	register(engine.Rule{
		ID:       "LMB001",
		Title:    "Lambda deployment package file does not exist",
		Severity: engine.Error,
		Doc: "filename on aws_lambda_function or aws_lambda_layer_version is read at plan time relative to the " +
			"stack folder; a missing file fails with \"Could not find file\" (or \"no such file\"). " +
			"${path.module}/${path.root} are resolved to the stack folder; other expressions " +
			"(e.g. data.archive_file.x.output_path) are not judged. Code from s3_bucket/s3_key or image_uri passes.",
		Check: func(p *engine.Pass) {
			for _, typ := range []string{"aws_lambda_function", "aws_lambda_layer_version"} {
				for _, fn := range p.Stack.OfType(typ) {
					raw := engine.Str(fn.Body["filename"])
					if raw == "" {
						continue
					}
					full, ok := missingLocalFile(p.Stack, raw)
					if ok {
						continue
					}
					p.Reportf(fn, "deploy the code from S3 (s3_bucket/s3_key of an uploaded aws_s3_object, or a cdktf TerraformAsset), or create the file before synthesizing",
						"filename %q does not exist (looked for %s); terraform plan fails with \"Could not find file\"", raw, full)
				}
			}
		},
	})
}

// producedAtPlan reports whether v refers to a file that Terraform itself
// creates (data.archive_file, archive_file, local_file), so it need not exist at synth time.
func producedAtPlan(v string) bool {
	for _, r := range engine.RefsInString(v) {
		for _, prefix := range []string{"data.archive_file.", "archive_file.", "local_file.", "data.external."} {
			if strings.HasPrefix(r.Addr, prefix) {
				return true
			}
		}
	}
	return false
}
