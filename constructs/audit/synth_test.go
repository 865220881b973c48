package audit

import (
	"encoding/json"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/guard"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

const topicArn = "arn:aws:sns:us-east-1:123456789012:acme-dev-alerts"

// built records what the build returned, checked by the tests.
var built struct {
	trail, second       *Trail
	config              *Config
	identity            TrailIdentity
	longTrail, nilProps error
	badIdentity         error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "audit", encryption.KeyProps{})
	if err != nil {
		return err
	}
	logs, err := storage.NewLogsBucket(st, "logs", storage.LogsBucketProps{Key: key})
	if err != nil {
		return err
	}
	if built.trail, err = NewTrail(st, "trail", TrailProps{Bucket: logs, Key: key}); err != nil {
		return err
	}
	// A second trail on the same bucket and key, with every option changed.
	if built.second, err = NewTrail(st, "data-trail", TrailProps{
		Name: "data", Bucket: logs, Key: key, LogRetentionDays: 90,
		DataEvents:              []DataEvent{{Type: DataEventS3Object, Values: []string{"arn:aws:s3:::acme-dev-artifacts/"}}},
		ExcludeManagementEvents: true, DisableLogging: true,
	}); err != nil {
		return err
	}
	if built.config, err = NewConfig(st, "config", ConfigProps{Bucket: logs, Key: key, SNSTopicArn: topicArn}); err != nil {
		return err
	}
	built.identity, err = NewTrailIdentity(st, "trail")
	if err != nil {
		return err
	}
	_, built.longTrail = NewTrail(st, "long", TrailProps{Name: strings.Repeat("x", 130), Bucket: logs, Key: key})
	_, built.badIdentity = NewTrailIdentity(st, "bad name")
	_, built.nilProps = NewTrail(st, "nil", TrailProps{})
	return buildSecondary(app)
})

// buildSecondary is a second region's stack: global resources skipped, a
// custom rule list, no delivery key or topic, and a management-only trail.
func buildSecondary(app *stack.App) error {
	st, err := stack.New(app, "acme-stage", stack.Props{Company: "acme", Environment: "stage", Region: "us-west-2"})
	if err != nil {
		return err
	}
	key, err := encryption.NewKey(st, "audit", encryption.KeyProps{})
	if err != nil {
		return err
	}
	logs, err := storage.NewLogsBucket(st, "logs", storage.LogsBucketProps{Key: key})
	if err != nil {
		return err
	}
	if _, err := NewTrail(st, "trail", TrailProps{Name: "regional", Bucket: logs, Key: key, DisableDataEvents: true}); err != nil {
		return err
	}
	_, err = NewConfig(st, "config", ConfigProps{Name: "west", Bucket: logs, SkipGlobalResources: true,
		Rules: []string{"VPC_FLOW_LOGS_ENABLED", "EC2_IMDSV2_CHECK"}})
	return err
}

func stackDoc(t *testing.T) *testkit.Doc {
	t.Helper()
	return synth.Get(t).Stack(t, "acme-dev")
}

// resource returns the address and body of the resource typ whose construct path ends with path.
func resource(t *testing.T, typ, path string) (string, map[string]any) {
	t.Helper()
	name, body := stackDoc(t).ByPath(t, typ, path)
	return typ + "." + name, body
}

// ref is the reference to attr of the resource typ at path.
func ref(t *testing.T, typ, path, attr string) string {
	t.Helper()
	name, _ := stackDoc(t).ByPath(t, typ, path)
	return testkit.Ref(typ, name, attr)
}

// dataRef is the reference to attr of the only data source of type typ.
func dataRef(t *testing.T, typ, attr string) string {
	t.Helper()
	ds := stackDoc(t).DataSources(typ)
	if len(ds) != 1 {
		t.Fatalf("data.%s: want exactly 1, have %d", typ, len(ds))
	}
	for name := range ds {
		return "${data." + typ + "." + name + "." + attr + "}"
	}
	return ""
}

// statements parses the JSON policy in attr of the resource at path.
func statements(t *testing.T, typ, path, attr string) (string, map[string]map[string]any) {
	t.Helper()
	addr, body := resource(t, typ, path)
	return addr, testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, body, attr))
}

// address returns "typ.name" of the resource at path.
func address(t *testing.T, typ, path string) string {
	t.Helper()
	addr, _ := resource(t, typ, path)
	return addr
}

func TestTrailAttributes(t *testing.T) {
	addr, tr := resource(t, "aws_cloudtrail", "trail/trail")
	testkit.Equal(t, addr, tr, "name", "acme-dev-trail")
	testkit.Equal(t, addr, tr, "s3_bucket_name", ref(t, "aws_s3_bucket", "logs/bucket", "bucket"))
	testkit.Equal(t, addr, tr, "kms_key_id", ref(t, "aws_kms_key", "audit/key", "arn"))
	testkit.Equal(t, addr, tr, "is_multi_region_trail", true)
	testkit.Equal(t, addr, tr, "include_global_service_events", true)
	testkit.Equal(t, addr, tr, "enable_log_file_validation", true)
	testkit.Equal(t, addr, tr, "enable_logging", true)
	testkit.Equal(t, addr, tr, "cloud_watch_logs_group_arn", ref(t, "aws_cloudwatch_log_group", "trail/logs/group", "arn")+":*")
	testkit.Equal(t, addr, tr, "cloud_watch_logs_role_arn", ref(t, "aws_iam_role", "trail/cloudwatch-role/role", "arn"))
	if _, ok := testkit.Attr(tr, "s3_key_prefix"); ok {
		t.Errorf("%s: s3_key_prefix is set; the bucket policy allows AWSLogs/<account>/* only", addr)
	}
	partition := dataRef(t, "aws_partition", "partition")
	testkit.Equal(t, addr, tr, "event_selector", []map[string]any{{
		"data_resource": []map[string]any{
			{"type": "AWS::S3::Object", "values": []string{"arn:" + partition + ":s3"}},
			{"type": "AWS::Lambda::Function", "values": []string{"arn:" + partition + ":lambda"}},
		},
		"include_management_events": true,
		"read_write_type":           "All",
	}})

	if got, want := built.trail.Name(), "acme-dev-trail"; got != want {
		t.Errorf("Trail.Name() = %q; want %q", got, want)
	}
	if built.trail.Arn() != built.trail.Identity().Arn() || built.trail.Arn() != built.identity.Arn() {
		t.Errorf("Trail.Arn() = %q, Identity().Arn() = %q, NewTrailIdentity(st, \"trail\").Arn() = %q; want all equal",
			built.trail.Arn(), built.trail.Identity().Arn(), built.identity.Arn())
	}
	if got, want := built.trail.LogGroupName(), "/aws/cloudtrail/acme-dev-trail"; got != want {
		t.Errorf("Trail.LogGroupName() = %q; want %q", got, want)
	}
}

func TestTrailOptions(t *testing.T) {
	addr, tr := resource(t, "aws_cloudtrail", "data-trail/trail")
	testkit.Equal(t, addr, tr, "name", "acme-dev-data")
	testkit.Equal(t, addr, tr, "enable_logging", false)
	testkit.Equal(t, addr, tr, "is_multi_region_trail", true)
	testkit.Equal(t, addr, tr, "enable_log_file_validation", true)
	testkit.Equal(t, addr, tr, "event_selector", []map[string]any{{
		"data_resource":             []map[string]any{{"type": "AWS::S3::Object", "values": []string{"arn:aws:s3:::acme-dev-artifacts/"}}},
		"include_management_events": false,
		"read_write_type":           "All",
	}})
	gAddr, g := resource(t, "aws_cloudwatch_log_group", "data-trail/logs/group")
	testkit.Equal(t, gAddr, g, "retention_in_days", 90)
}

func TestTrailLogGroupAndRole(t *testing.T) {
	keyArn := ref(t, "aws_kms_key", "audit/key", "arn")
	gAddr, g := resource(t, "aws_cloudwatch_log_group", "trail/logs/group")
	testkit.Equal(t, gAddr, g, "name", "/aws/cloudtrail/acme-dev-trail")
	testkit.Equal(t, gAddr, g, "kms_key_id", keyArn)
	testkit.Equal(t, gAddr, g, "retention_in_days", 365)

	rAddr, trust := statements(t, "aws_iam_role", "trail/cloudwatch-role/role", "assume_role_policy")
	for sid, s := range trust {
		testkit.EqualJSON(t, rAddr+" trust statement "+sid, "Principal", s["Principal"], map[string]any{"Service": []string{"cloudtrail.amazonaws.com"}})
		testkit.EqualJSON(t, rAddr+" trust statement "+sid, "Action", s["Action"], []string{"sts:AssumeRole"})
	}
	pAddr, stmts := statements(t, "aws_iam_role_policy", "trail/cloudwatch-role/policy", "policy")
	if len(stmts) != 1 {
		t.Fatalf("%s: statements %v; want exactly the log delivery statement", pAddr, slices.Sorted(maps.Keys(stmts)))
	}
	for sid, s := range stmts {
		where := pAddr + " statement " + sid
		testkit.EqualJSON(t, where, "Effect", s["Effect"], "Allow")
		testkit.EqualJSON(t, where, "Action", s["Action"], []string{"logs:CreateLogStream", "logs:PutLogEvents"})
		testkit.EqualJSON(t, where, "Resource", s["Resource"], []string{ref(t, "aws_cloudwatch_log_group", "trail/logs/group", "arn") + ":*"})
	}
	kAddr, ks := statements(t, "aws_kms_key", "audit/key", "policy")
	if _, ok := ks["AllowCloudWatchLogs"]; !ok {
		t.Errorf("%s: policy lacks AllowCloudWatchLogs although the trail's log group is encrypted with the key; have %v", kAddr, slices.Sorted(maps.Keys(ks)))
	}
}

func TestTrailDependsOnBucketPolicyAndRolePolicy(t *testing.T) {
	for _, id := range []string{"trail", "data-trail"} {
		addr, tr := resource(t, "aws_cloudtrail", id+"/trail")
		deps := testkit.DependsOn(tr)
		for _, want := range []string{
			address(t, "aws_s3_bucket_policy", "logs/policy"),
			address(t, "aws_s3_bucket_public_access_block", "logs/public-access-block"),
			address(t, "aws_iam_role_policy", id+"/cloudwatch-role/policy"),
		} {
			if !slices.Contains(deps, want) {
				t.Errorf("%s: depends_on = %v; want it to include %s", addr, deps, want)
			}
		}
	}
}

// TestTrailArnMatchesPolicies rebuilds each created trail's ARN from the
// aws_cloudtrail resource's name and the partition/region/account data
// sources, and checks it is exactly what the bucket policy and the key policy
// allow in aws:SourceArn — and that they allow nothing else.
func TestTrailArnMatchesPolicies(t *testing.T) {
	partition := dataRef(t, "aws_partition", "partition")
	region := dataRef(t, "aws_region", "name")
	account := dataRef(t, "aws_caller_identity", "account_id")
	var created []string
	for name, tr := range stackDoc(t).Resources("aws_cloudtrail") {
		n, _ := testkit.MustAttr(t, "aws_cloudtrail."+name, tr, "name").(string)
		created = append(created, "arn:"+partition+":cloudtrail:"+region+":"+account+":trail/"+n)
	}
	sort.Strings(created)
	if len(created) != 2 {
		t.Fatalf("aws_cloudtrail: want 2 trails, have %d", len(created))
	}
	// Trail.Arn() is a token string on the Go side; it resolves to what the
	// policies hold, which is checked against the created trails below.
	if !strings.HasSuffix(built.trail.Arn(), ":trail/acme-dev-trail") {
		t.Errorf("Trail.Arn() = %q; want it to end with %q", built.trail.Arn(), ":trail/acme-dev-trail")
	}

	check := func(where string, stmt map[string]any) {
		t.Helper()
		got := stringList(stmt, "Condition.StringEquals.aws:SourceArn")
		sort.Strings(got)
		testkit.EqualJSON(t, where, "Condition.StringEquals.aws:SourceArn", got, created)
	}
	bAddr, bs := statements(t, "aws_s3_bucket_policy", "logs/policy", "policy")
	check(bAddr+" statement AWSCloudTrailAclCheck", bs["AWSCloudTrailAclCheck"])
	check(bAddr+" statement AWSCloudTrailWrite", bs["AWSCloudTrailWrite"])
	kAddr, ks := statements(t, "aws_kms_key", "audit/key", "policy")
	check(kAddr+" statement AllowCloudTrailEncryptLogs", ks["AllowCloudTrailEncryptLogs"])
	check(kAddr+" statement AllowCloudTrailDescribeKey", ks["AllowCloudTrailDescribeKey"])

	// The encryption context CloudTrail sends is the trail ARN: it must match the key's pattern.
	for _, pattern := range stringList(ks["AllowCloudTrailEncryptLogs"], "Condition.StringLike.kms:EncryptionContext:aws:cloudtrail:arn") {
		for _, arn := range created {
			if ok, _ := path.Match(pattern, arn); !ok {
				t.Errorf("%s: kms:EncryptionContext:aws:cloudtrail:arn pattern %q does not match trail ARN %q", kAddr, pattern, arn)
			}
		}
	}
	// CloudTrail writes under AWSLogs/<account>/ of the bucket it names.
	bucketArn := ref(t, "aws_s3_bucket", "logs/bucket", "arn")
	testkit.EqualJSON(t, bAddr+" statement AWSCloudTrailWrite", "Resource", bs["AWSCloudTrailWrite"]["Resource"], []string{bucketArn + "/AWSLogs/" + account + "/*"})
	testkit.EqualJSON(t, bAddr+" statement AWSCloudTrailWrite", "Condition.StringEquals.s3:x-amz-acl",
		stringList(bs["AWSCloudTrailWrite"], "Condition.StringEquals.s3:x-amz-acl"), []string{"bucket-owner-full-control"})
	testkit.EqualJSON(t, bAddr+" statement AWSCloudTrailAclCheck", "Action", bs["AWSCloudTrailAclCheck"]["Action"], []string{"s3:GetBucketAcl"})
}

func TestConfigRoleAndRecorder(t *testing.T) {
	rAddr, trust := statements(t, "aws_iam_role", "config/role/role", "assume_role_policy")
	for sid, s := range trust {
		testkit.EqualJSON(t, rAddr+" trust statement "+sid, "Principal", s["Principal"], map[string]any{"Service": []string{"config.amazonaws.com"}})
	}
	aAddr, a := resource(t, "aws_iam_role_policy_attachment", "config/role/attachment-AWS-ConfigRole")
	testkit.Equal(t, aAddr, a, "policy_arn", "arn:"+dataRef(t, "aws_partition", "partition")+":iam::aws:policy/service-role/AWS_ConfigRole")

	account := dataRef(t, "aws_caller_identity", "account_id")
	bucketArn := ref(t, "aws_s3_bucket", "logs/bucket", "arn")
	pAddr, ps := statements(t, "aws_iam_role_policy", "config/role/policy", "policy")
	testkit.EqualJSON(t, pAddr+" statement AWSConfigBucketDelivery", "Resource", ps["AWSConfigBucketDelivery"]["Resource"], []string{bucketArn + "/AWSLogs/" + account + "/Config/*"})
	testkit.EqualJSON(t, pAddr+" statement AWSConfigKeyUse", "Resource", ps["AWSConfigKeyUse"]["Resource"], []string{ref(t, "aws_kms_key", "audit/key", "arn")})
	testkit.EqualJSON(t, pAddr+" statement AWSConfigNotify", "Resource", ps["AWSConfigNotify"]["Resource"], []string{topicArn})

	addr, rec := resource(t, "aws_config_configuration_recorder", "config/recorder")
	testkit.Equal(t, addr, rec, "name", "acme-dev-config")
	testkit.Equal(t, addr, rec, "role_arn", ref(t, "aws_iam_role", "config/role/role", "arn"))
	testkit.Equal(t, addr, rec, "recording_group.all_supported", true)
	testkit.Equal(t, addr, rec, "recording_group.include_global_resource_types", true)
	if deps := testkit.DependsOn(rec); !slices.Contains(deps, aAddr) {
		t.Errorf("%s: depends_on = %v; want %s (the role's permissions before recording)", addr, deps, aAddr)
	}
}

func TestConfigDeliveryChannelAndStatus(t *testing.T) {
	recorder := address(t, "aws_config_configuration_recorder", "config/recorder")
	addr, ch := resource(t, "aws_config_delivery_channel", "config/delivery-channel")
	testkit.Equal(t, addr, ch, "name", "acme-dev-config")
	testkit.Equal(t, addr, ch, "s3_bucket_name", ref(t, "aws_s3_bucket", "logs/bucket", "bucket"))
	testkit.Equal(t, addr, ch, "s3_kms_key_arn", ref(t, "aws_kms_key", "audit/key", "arn"))
	testkit.Equal(t, addr, ch, "sns_topic_arn", topicArn)
	deps := testkit.DependsOn(ch)
	for _, want := range []string{recorder, address(t, "aws_s3_bucket_policy", "logs/policy")} {
		if !slices.Contains(deps, want) {
			t.Errorf("%s: depends_on = %v; want it to include %s", addr, deps, want)
		}
	}

	sAddr, st := resource(t, "aws_config_configuration_recorder_status", "config/recorder-status")
	testkit.Equal(t, sAddr, st, "is_enabled", true)
	testkit.Equal(t, sAddr, st, "name", ref(t, "aws_config_configuration_recorder", "config/recorder", "name"))
	if deps := testkit.DependsOn(st); !slices.Contains(deps, addr) {
		t.Errorf("%s: depends_on = %v; want %s (recording starts after the channel exists)", sAddr, deps, addr)
	}

	// The bucket lets AWS Config deliver, and the key lets it encrypt.
	bAddr, bs := statements(t, "aws_s3_bucket_policy", "logs/policy", "policy")
	for _, sid := range []string{"AWSConfigBucketPermissionsCheck", "AWSConfigBucketExistenceCheck", "AWSConfigBucketDelivery"} {
		s, ok := bs[sid]
		if !ok {
			t.Errorf("%s: policy lacks %s; have %v", bAddr, sid, slices.Sorted(maps.Keys(bs)))
			continue
		}
		testkit.EqualJSON(t, bAddr+" statement "+sid, "Principal", s["Principal"], map[string]any{"Service": []string{"config.amazonaws.com"}})
	}
	kAddr, ks := statements(t, "aws_kms_key", "audit/key", "policy")
	if s, ok := ks[SidConfigKey]; !ok {
		t.Errorf("%s: policy lacks %s; have %v", kAddr, SidConfigKey, slices.Sorted(maps.Keys(ks)))
	} else {
		testkit.EqualJSON(t, kAddr+" statement "+SidConfigKey, "Condition", s["Condition"], map[string]any{"StringEquals": map[string]any{
			"aws:SourceAccount": []string{dataRef(t, "aws_caller_identity", "account_id")},
		}})
	}
}

func TestConfigRules(t *testing.T) {
	status := address(t, "aws_config_configuration_recorder_status", "config/recorder-status")
	rules := stackDoc(t).Resources("aws_config_config_rule")
	if len(rules) != len(DefaultRules()) {
		t.Errorf("aws_config_config_rule: have %d rules; want the %d default rules", len(rules), len(DefaultRules()))
	}
	for _, id := range DefaultRules() {
		addr, r := resource(t, "aws_config_config_rule", "config/rule-"+ruleSuffix(id))
		testkit.Equal(t, addr, r, "name", "acme-dev-"+ruleSuffix(id))
		testkit.Equal(t, addr, r, "source.owner", "AWS")
		testkit.Equal(t, addr, r, "source.source_identifier", id)
		if deps := testkit.DependsOn(r); !slices.Contains(deps, status) {
			t.Errorf("%s: depends_on = %v; want %s (rules after recording is on)", addr, deps, status)
		}
	}
	if got := built.config.RuleNames(); len(got) != len(DefaultRules()) || got[0] != "acme-dev-"+ruleSuffix(DefaultRules()[0]) {
		t.Errorf("Config.RuleNames() = %v; want the default rules' names in order", got)
	}
}

// TestNoReferenceCycle builds the dependency graph from every ${type.name...}
// reference and depends_on entry and fails on a cycle, naming it.
func TestNoReferenceCycle(t *testing.T) {
	doc := stackDoc(t)
	edges := map[string][]string{}
	refPattern := regexp.MustCompile(`\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.`)
	for _, typ := range doc.ResourceTypes() {
		for name, body := range doc.Resources(typ) {
			from := typ + "." + name
			b := map[string]any{}
			for k, v := range body {
				if k != "//" {
					b[k] = v
				}
			}
			raw, _ := json.Marshal(b)
			for _, m := range refPattern.FindAllStringSubmatch(string(raw), -1) {
				edges[from] = append(edges[from], m[1]+"."+m[2])
			}
			edges[from] = append(edges[from], testkit.DependsOn(body)...)
		}
	}
	const (
		unvisited = iota
		active
		done
	)
	state := map[string]int{}
	var stackPath []string
	var visit func(n string) bool
	visit = func(n string) bool {
		state[n] = active
		stackPath = append(stackPath, n)
		for _, m := range edges[n] {
			if m == n {
				continue
			}
			switch state[m] {
			case active:
				t.Errorf("reference cycle: %s -> %s", strings.Join(stackPath, " -> "), m)
				return true
			case unvisited:
				if visit(m) {
					return true
				}
			}
		}
		stackPath = stackPath[:len(stackPath)-1]
		state[n] = done
		return false
	}
	nodes := slices.Sorted(maps.Keys(edges))
	for _, n := range nodes {
		if state[n] == unvisited && visit(n) {
			return
		}
	}
}

func TestErrorsAreClearAndCreateNothing(t *testing.T) {
	synth.Get(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"trail name too long", built.longTrail, "name: CloudTrail trail name \"acme-dev-xxx"},
		{"invalid identity", built.badIdentity, `name: "bad name" is not a valid trail name suffix`},
		{"nil bucket and key", built.nilProps, "bucket: required"},
	}
	for _, tc := range tests {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error = %v; want it to contain %q", tc.name, tc.err, tc.want)
		}
	}
	doc := stackDoc(t)
	for _, typ := range doc.ResourceTypes() {
		for name, body := range doc.Resources(typ) {
			p := testkit.ConstructPath(body)
			if strings.Contains(p, "/long/") || strings.Contains(p, "/nil/") {
				t.Errorf("%s.%s: created although its constructor failed (path %s)", typ, name, p)
			}
		}
	}
	// The failed trail must not have been allowed on the bucket either.
	bAddr, bs := statements(t, "aws_s3_bucket_policy", "logs/policy", "policy")
	for _, arn := range stringList(bs["AWSCloudTrailWrite"], "Condition.StringEquals.aws:SourceArn") {
		if strings.Contains(arn, "xxxx") {
			t.Errorf("%s: AWSCloudTrailWrite allows %q, a trail whose constructor failed", bAddr, arn)
		}
	}
}

func TestSecondaryRegionOptions(t *testing.T) {
	doc := synth.Get(t).Stack(t, "acme-stage")
	name, tr := doc.ByPath(t, "aws_cloudtrail", "trail/trail")
	addr := "aws_cloudtrail." + name
	testkit.Equal(t, addr, tr, "name", "acme-stage-regional")
	testkit.Equal(t, addr, tr, "event_selector", []map[string]any{{"include_management_events": true, "read_write_type": "All"}})

	name, rec := doc.ByPath(t, "aws_config_configuration_recorder", "config/recorder")
	addr = "aws_config_configuration_recorder." + name
	testkit.Equal(t, addr, rec, "name", "acme-stage-west")
	testkit.Equal(t, addr, rec, "recording_group.include_global_resource_types", false)
	testkit.Equal(t, addr, rec, "recording_group.all_supported", true)

	name, ch := doc.ByPath(t, "aws_config_delivery_channel", "config/delivery-channel")
	addr = "aws_config_delivery_channel." + name
	for _, attr := range []string{"s3_kms_key_arn", "sns_topic_arn"} {
		if v, ok := testkit.Attr(ch, attr); ok {
			t.Errorf("%s: %s = %v; want it unset when ConfigProps leaves it empty", addr, attr, v)
		}
	}
	var ids []string
	for _, r := range doc.Resources("aws_config_config_rule") {
		id, _ := testkit.Attr(r, "source.source_identifier")
		ids = append(ids, id.(string))
	}
	sort.Strings(ids)
	testkit.EqualJSON(t, "aws_config_config_rule (acme-stage)", "source identifiers", ids, []string{"EC2_IMDSV2_CHECK", "VPC_FLOW_LOGS_ENABLED"})

	name, pol := doc.ByPath(t, "aws_iam_role_policy", "config/role/policy")
	addr = "aws_iam_role_policy." + name
	ps := testkit.Statements(t, addr, testkit.PolicyDoc(t, addr, pol, "policy"))
	if _, ok := ps["AWSConfigNotify"]; ok {
		t.Errorf("%s: has AWSConfigNotify without an SNS topic", addr)
	}
}

func TestStackValidates(t *testing.T) {
	for _, id := range []string{"acme-dev", "acme-stage"} {
		t.Run(id, func(t *testing.T) { tfrun.Validate(t, synth.Get(t).Stack(t, id).Dir()) })
	}
}

// stringList reads a dotted path whose last keys may contain ':' (condition keys).
func stringList(stmt map[string]any, dotted string) []string {
	parts := strings.SplitN(dotted, ".", 3)
	var cur any = stmt
	for _, p := range parts {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	var out []string
	switch v := cur.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			s, _ := x.(string)
			out = append(out, s)
		}
	}
	return out
}

func TestGuardReportsNothing(t *testing.T) {
	for _, id := range []string{"acme-dev", "acme-stage"} {
		rep, err := guard.CheckDir(synth.Get(t).Stack(t, id).Dir(), guard.Options{})
		if err != nil {
			t.Fatalf("guard %s: %v", id, err)
		}
		for _, f := range rep.Findings {
			t.Errorf("guard %s: %s", id, f)
		}
	}
}
