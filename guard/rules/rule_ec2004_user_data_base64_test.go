package rules

import "testing"

func TestEC2004Cases(t *testing.T) {
	const enc = "IyEvYmluL2Jhc2gKZWNobyBoaQo=" // "#!/bin/bash\necho hi\n"
	locals := `"locals": {"enc": "` + enc + `", "script": "#!/bin/bash\necho hi\n"}`
	doc := func(res string) string { return `{` + locals + `, "resource": {` + res + `}}` }
	runRuleCases(t, "EC2004", []ruleCase{
		{"base64 literal in user_data", doc(`"aws_instance": {"i": {"user_data": "` + enc + `"}}`), []string{"aws_instance.i: user_data holds base64-encoded content, which"}},
		{"base64 local in user_data", doc(`"aws_instance": {"i": {"user_data": "${local.enc}"}}`), []string{"aws_instance.i: user_data holds base64-encoded content"}},
		{"base64encode in user_data", doc(`"aws_instance": {"i": {"user_data": "${base64encode(local.script)}"}}`), []string{"aws_instance.i: user_data holds base64-encoded content"}},
		{"text local in user_data_base64", doc(`"aws_instance": {"i": {"user_data_base64": "${local.script}"}}`), []string{"aws_instance.i: user_data_base64 holds text that is not base64"}},
		{"text in a launch template", doc(`"aws_launch_template": {"t": {"user_data": "${local.script}"}}`), []string{"aws_launch_template.t: user_data holds text that is not base64"}},
		{"text local in user_data", doc(`"aws_instance": {"i": {"user_data": "${local.script}"}}`), nil},
		{"base64 local in user_data_base64", doc(`"aws_instance": {"i": {"user_data_base64": "${local.enc}"}}`), nil},
		{"base64encode in a launch template", doc(`"aws_launch_template": {"t": {"user_data": "${base64encode(local.script)}"}}`), nil},
		{"unknown value", doc(`"aws_instance": {"i": {"user_data_base64": "${var.ud}"}}`), nil},
	})
}
