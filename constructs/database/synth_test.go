package database

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit"
	"github.com/cdktf-secure-go/cdktf-secure-go/testkit/tfrun"
)

var built struct {
	devDB, devMySQL, prodDB *Instance
	byo                     *Instance
	client                  *network.SecurityGroup
	callErrs                []error
	wantErrs                map[string]error
}

var synth = testkit.NewOnce(func(app *stack.App) error {
	built.wantErrs = map[string]error{}
	must := func(err error) {
		if err != nil {
			built.callErrs = append(built.callErrs, err)
		}
	}
	for _, env := range []string{"dev", "prod"} {
		st, err := stack.New(app, "acme-"+env, stack.Props{Company: "acme", Environment: env, Region: "us-east-1"})
		if err != nil {
			return err
		}
		key, err := encryption.NewKey(st, "key", encryption.KeyProps{})
		if err != nil {
			return err
		}
		vpc, err := network.NewVPC(st, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key})
		if err != nil {
			return err
		}
		db, err := NewInstance(st, "db", InstanceProps{Key: key, VPC: vpc})
		must(err)
		if env == "prod" {
			built.prodDB = db
			continue
		}
		built.devDB = db
		built.client, err = network.NewSecurityGroup(st, "client", network.SecurityGroupProps{VPC: vpc})
		must(err)
		if db != nil && built.client != nil {
			must(db.AllowFrom(built.client))
			must(stack.Catch(func() {
				for id, v := range map[string]string{"secret_arn": db.SecretArn(), "address": db.Address(), "endpoint": db.Endpoint(), "arn": db.Arn()} {
					cdktf.NewTerraformOutput(st, &id, &cdktf.TerraformOutputConfig{Value: v})
				}
			}))
		}
		built.devMySQL, err = NewInstance(st, "orders", InstanceProps{
			Name: "orders-db", Engine: MySQL, Key: key, VPC: vpc, RemovalPolicy: Protect, DisableEnhancedMonitoring: true,
			InstanceClass: "db.t4g.small", AllocatedStorageGB: 50, MaxAllocatedStorageGB: 200, DatabaseName: "orders",
			Username: "ordersadmin", BackupRetentionDays: 14, MultiAZ: true, LogRetentionDays: 90,
		})
		must(err)
		// Bring your own groups instead of the instance's own.
		built.byo, err = NewInstance(st, "byo", InstanceProps{Key: key, VPC: vpc, NoOwnSecurityGroup: true,
			SecurityGroups: []network.Group{built.client, network.ExistingGroup("sg-0123abcd")}})
		must(err)
		if built.byo != nil {
			built.wantErrs["allow without own group"] = built.byo.AllowFrom(built.client)
		}
		// Calls that must fail without creating anything.
		single, err := network.NewVPC(st, "single", network.VPCProps{AZCount: 1, FlowLogKey: key})
		must(err)
		_, built.wantErrs["single az"] = NewInstance(st, "nosubnets", InstanceProps{Key: key, VPC: single})
		_, built.wantErrs["long name"] = NewInstance(st, "long", InstanceProps{Key: key, VPC: vpc, Name: strings.Repeat("d", 60)})
		_, built.wantErrs["role too long"] = NewInstance(st, "roletoolong", InstanceProps{Key: key, VPC: vpc, Name: strings.Repeat("r", 50)})
		_, built.wantErrs["bad group"] = NewInstance(st, "badgroup", InstanceProps{Key: key, VPC: vpc, SecurityGroups: []network.Group{network.ExistingGroup("sg-12")}})
		_, built.wantErrs["reserved user"] = NewInstance(st, "baduser", InstanceProps{Key: key, VPC: vpc, Username: "rdsadmin"})
		if db != nil {
			built.wantErrs["nil peer"] = db.AllowFrom(nil)
		}
	}
	return nil
})

func doc(t *testing.T, id string) *testkit.Doc {
	t.Helper()
	d := synth.Get(t).Stack(t, id)
	if len(built.callErrs) > 0 {
		t.Fatalf("calls that must succeed failed: %v", built.callErrs)
	}
	return d
}

func TestTerraformValidate(t *testing.T) {
	tfrun.Validate(t, doc(t, "acme-dev").Dir())
	tfrun.Validate(t, doc(t, "acme-prod").Dir())
}

func TestInstanceSecureDefaults(t *testing.T) {
	d := doc(t, "acme-dev")
	name, db := d.ByPath(t, "aws_db_instance", "db/instance")
	addr := "aws_db_instance." + name
	keyName, _ := d.ByPath(t, "aws_kms_key", "key/key")
	keyArn := testkit.Ref("aws_kms_key", keyName, "arn")
	sgName, _ := d.ByPath(t, "aws_security_group", "db/security-group/group")
	sgrpName, sgrp := d.ByPath(t, "aws_db_subnet_group", "vpc/database-subnet-group")
	if !strings.Contains(strings.Join(testkit.DependsOn(db), " "), "aws_db_subnet_group."+sgrpName) {
		t.Errorf("%s: depends_on %v lacks aws_db_subnet_group.%s (its name is plain text)", addr, testkit.DependsOn(db), sgrpName)
	}
	for attr, want := range map[string]any{
		"identifier":                            "acme-dev-db",
		"engine":                                "postgres",
		"engine_version":                        "16",
		"instance_class":                        "db.t3.micro",
		"port":                                  5432,
		"allocated_storage":                     20,
		"storage_type":                          "gp3",
		"storage_encrypted":                     true,
		"kms_key_id":                            keyArn,
		"db_subnet_group_name":                  sgrp["name"],
		"vpc_security_group_ids":                []string{testkit.Ref("aws_security_group", sgName, "id")},
		"publicly_accessible":                   false,
		"username":                              "dbadmin",
		"manage_master_user_password":           true,
		"master_user_secret_kms_key_id":         keyArn,
		"iam_database_authentication_enabled":   true,
		"backup_retention_period":               7,
		"copy_tags_to_snapshot":                 true,
		"auto_minor_version_upgrade":            true,
		"allow_major_version_upgrade":           false,
		"multi_az":                              false,
		"performance_insights_enabled":          true,
		"performance_insights_kms_key_id":       keyArn,
		"performance_insights_retention_period": 7,
		"monitoring_interval":                   60,
		"enabled_cloudwatch_logs_exports":       []string{"postgresql", "upgrade"},
	} {
		testkit.Equal(t, addr, db, attr, want)
	}
	for _, attr := range []string{"password", "password_wo", "max_allocated_storage", "db_name"} {
		if _, ok := db[attr]; ok {
			t.Errorf("%s: %s is set", addr, attr)
		}
	}
	// Log groups exist (KMS, retention) before the instance; monitoring role too.
	deps := strings.Join(testkit.DependsOn(db), " ")
	for _, l := range []string{"postgresql", "upgrade"} {
		lgName, lg := d.ByPath(t, "aws_cloudwatch_log_group", "db/logs-"+l+"/group")
		testkit.Equal(t, "aws_cloudwatch_log_group."+lgName, lg, "name", "/aws/rds/instance/acme-dev-db/"+l)
		testkit.Equal(t, "aws_cloudwatch_log_group."+lgName, lg, "kms_key_id", keyArn)
		if !strings.Contains(deps, "aws_cloudwatch_log_group."+lgName) {
			t.Errorf("%s: depends_on %s lacks the %s log group", addr, deps, l)
		}
	}
	roleName, role := d.ByPath(t, "aws_iam_role", "db/monitoring-role/role")
	testkit.Equal(t, addr, db, "monitoring_role_arn", testkit.Ref("aws_iam_role", roleName, "arn"))
	trust := testkit.Statements(t, roleName, testkit.PolicyDoc(t, roleName, role, "assume_role_policy"))
	for _, s := range trust {
		testkit.Equal(t, "aws_iam_role."+roleName+" trust", s, "Principal.Service", []string{"monitoring.rds.amazonaws.com"})
	}
	attName, att := d.ByPath(t, "aws_iam_role_policy_attachment", "db/monitoring-role/attachment-AmazonRDSEnhancedMonitoringRole")
	if p, _ := att["policy_arn"].(string); !strings.HasSuffix(p, ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole") {
		t.Errorf("aws_iam_role_policy_attachment.%s: policy_arn = %q", attName, p)
	}
	if !strings.Contains(deps, "aws_iam_role_policy_attachment."+attName) {
		t.Errorf("%s: depends_on %s lacks the monitoring policy attachment", addr, deps)
	}
	// Outputs render as references to the instance.
	outputs, _ := d.Raw["output"].(map[string]any)
	for out, want := range map[string]string{
		"secret_arn": "${aws_db_instance." + name + ".master_user_secret[0].secret_arn}",
		"address":    "${aws_db_instance." + name + ".address}",
		"endpoint":   "${aws_db_instance." + name + ".endpoint}",
		"arn":        "${aws_db_instance." + name + ".arn}",
	} {
		o, _ := outputs[out].(map[string]any)
		if o["value"] != want {
			t.Errorf("output %s = %v; want %s", out, o["value"], want)
		}
	}
	if built.devDB.Port() != 5432 || built.devDB.FullIdentifier() != "acme-dev-db" {
		t.Errorf("Port/FullIdentifier = %d, %q", built.devDB.Port(), built.devDB.FullIdentifier())
	}
}

func TestRemovalPolicyByEnvironment(t *testing.T) {
	dev := doc(t, "acme-dev")
	name, db := dev.ByPath(t, "aws_db_instance", "db/instance")
	addr := "aws_db_instance." + name
	testkit.Equal(t, addr, db, "deletion_protection", false)
	testkit.Equal(t, addr, db, "skip_final_snapshot", true)
	testkit.Equal(t, addr, db, "delete_automated_backups", true)
	if _, ok := db["final_snapshot_identifier"]; ok {
		t.Errorf("%s: final_snapshot_identifier set with Destroy", addr)
	}
	prod := doc(t, "acme-prod")
	pName, pdb := prod.ByPath(t, "aws_db_instance", "db/instance")
	pAddr := "aws_db_instance." + pName + " (acme-prod)"
	testkit.Equal(t, pAddr, pdb, "deletion_protection", true)
	testkit.Equal(t, pAddr, pdb, "skip_final_snapshot", false)
	testkit.Equal(t, pAddr, pdb, "final_snapshot_identifier", "acme-prod-db-final")
	testkit.Equal(t, pAddr, pdb, "delete_automated_backups", false)
	if built.devDB.RemovalPolicy() != Destroy || built.prodDB.RemovalPolicy() != Protect {
		t.Errorf("RemovalPolicy() dev=%v prod=%v; want Destroy, Protect", built.devDB.RemovalPolicy(), built.prodDB.RemovalPolicy())
	}
	// Explicit Protect in dev wins over the environment.
	mName, m := dev.ByPath(t, "aws_db_instance", "orders/instance")
	testkit.Equal(t, "aws_db_instance."+mName, m, "deletion_protection", true)
	testkit.Equal(t, "aws_db_instance."+mName, m, "final_snapshot_identifier", "acme-dev-orders-db-final")
}

func TestMySQLOptions(t *testing.T) {
	d := doc(t, "acme-dev")
	name, db := d.ByPath(t, "aws_db_instance", "orders/instance")
	addr := "aws_db_instance." + name
	for attr, want := range map[string]any{
		"identifier": "acme-dev-orders-db", "engine": "mysql", "engine_version": "8.4", "port": 3306,
		"instance_class": "db.t4g.small", "allocated_storage": 50, "max_allocated_storage": 200, "db_name": "orders",
		"username": "ordersadmin", "backup_retention_period": 14, "multi_az": true,
		"performance_insights_enabled":    false, // not supported on db.t4g.small for MySQL
		"enabled_cloudwatch_logs_exports": []string{"error", "general", "slowquery"},
	} {
		testkit.Equal(t, addr, db, attr, want)
	}
	for _, attr := range []string{"monitoring_interval", "monitoring_role_arn", "performance_insights_kms_key_id"} {
		if _, ok := db[attr]; ok {
			t.Errorf("%s: %s set", addr, attr)
		}
	}
	_, lg := d.ByPath(t, "aws_cloudwatch_log_group", "orders/logs-error/group")
	testkit.Equal(t, "orders error log group", lg, "retention_in_days", 90)
	for _, r := range d.Resources("aws_iam_role") {
		if strings.Contains(testkit.ConstructPath(r), "/orders/") {
			t.Errorf("orders: a role was created with Enhanced Monitoring disabled")
		}
	}
}

// TestParameterGroupRequiresTLS: each instance has its own parameter group,
// of its engine's family, setting the TLS parameter to 1, and refers to it
// by reference (so Terraform creates the group first).
func TestParameterGroupRequiresTLS(t *testing.T) {
	d := doc(t, "acme-dev")
	for _, c := range []struct {
		path, name, family, param string
		inst                      *Instance
	}{
		{"db", "acme-dev-db-tls", "postgres16", "rds.force_ssl", built.devDB},
		{"orders", "acme-dev-orders-db-tls", "mysql8.4", "require_secure_transport", built.devMySQL},
	} {
		pgName, pg := d.ByPath(t, "aws_db_parameter_group", c.path+"/parameters")
		addr := "aws_db_parameter_group." + pgName
		testkit.Equal(t, addr, pg, "name", c.name)
		testkit.Equal(t, addr, pg, "family", c.family)
		testkit.Equal(t, addr, pg, "parameter", []map[string]any{{"name": c.param, "value": "1"}})
		dbName, db := d.ByPath(t, "aws_db_instance", c.path+"/instance")
		testkit.Equal(t, "aws_db_instance."+dbName, db, "parameter_group_name", testkit.Ref("aws_db_parameter_group", pgName, "name"))
		if got := c.inst.ParameterGroupName(); got != c.name {
			t.Errorf("%s: ParameterGroupName() = %q; want %q", c.path, got, c.name)
		}
	}
}

func TestIngressOnlyFromNamedGroups(t *testing.T) {
	d := doc(t, "acme-dev")
	sgName, sg := d.ByPath(t, "aws_security_group", "db/security-group/group")
	if _, ok := sg["ingress"]; ok {
		t.Errorf("aws_security_group.%s: inline ingress", sgName)
	}
	clientName, _ := d.ByPath(t, "aws_security_group", "client/group")
	dbRef, clientRef := testkit.Ref("aws_security_group", sgName, "id"), testkit.Ref("aws_security_group", clientName, "id")
	var ingress []map[string]any
	for _, r := range d.Resources("aws_vpc_security_group_ingress_rule") {
		if r["security_group_id"] == dbRef {
			ingress = append(ingress, r)
		}
	}
	if len(ingress) != 1 {
		t.Fatalf("database group has %d ingress rules; want 1 (from the client group)", len(ingress))
	}
	testkit.Equal(t, "db ingress", ingress[0], "referenced_security_group_id", clientRef)
	testkit.Equal(t, "db ingress", ingress[0], "from_port", 5432)
	testkit.Equal(t, "db ingress", ingress[0], "to_port", 5432)
	if _, ok := ingress[0]["cidr_ipv4"]; ok {
		t.Error("db ingress: cidr_ipv4 set")
	}
	found := false
	for _, r := range d.Resources("aws_vpc_security_group_egress_rule") {
		found = found || (r["security_group_id"] == clientRef && r["referenced_security_group_id"] == dbRef && r["from_port"] == float64(5432))
	}
	if !found {
		t.Error("client group: no egress rule to the database group on 5432")
	}
}

func TestBringYourOwnSecurityGroups(t *testing.T) {
	d := doc(t, "acme-dev")
	name, db := d.ByPath(t, "aws_db_instance", "byo/instance")
	clientName, _ := d.ByPath(t, "aws_security_group", "client/group")
	testkit.Equal(t, "aws_db_instance."+name, db, "vpc_security_group_ids",
		[]string{testkit.Ref("aws_security_group", clientName, "id"), "sg-0123abcd"})
	for n, g := range d.Resources("aws_security_group") {
		if strings.Contains(testkit.ConstructPath(g), "/byo/") {
			t.Errorf("aws_security_group.%s: created despite NoOwnSecurityGroup", n)
		}
	}
	if built.byo.SecurityGroup() != nil {
		t.Error("SecurityGroup(): want nil with NoOwnSecurityGroup")
	}
}

func TestCallsThatMustFail(t *testing.T) {
	d := doc(t, "acme-dev")
	for name, want := range map[string]string{
		"single az":               "vpc: has no database subnet group",
		"long name":               "RDS instance name",
		"reserved user":           `username: "rdsadmin" is reserved`,
		"nil peer":                "peer: must not be nil",
		"role too long":           "the Enhanced Monitoring role is named after the instance",
		"bad group":               `securityGroups[0]: "sg-12" is not a security group ID`,
		"allow without own group": "peer: instance acme-dev-byo has no own security group (NoOwnSecurityGroup); allow acme-dev-client on the groups you gave it",
	} {
		if err := built.wantErrs[name]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v; want it to contain %q", name, err, want)
		}
	}
	for _, typ := range d.ResourceTypes() {
		for n, r := range d.Resources(typ) {
			p := testkit.ConstructPath(r)
			if strings.Contains(p, "/nosubnets/") || strings.Contains(p, "/long/") || strings.Contains(p, "/baduser/") || strings.Contains(p, "/roletoolong/") || strings.Contains(p, "/badgroup/") {
				t.Errorf("%s.%s (%s) was created by a call that failed", typ, n, p)
			}
		}
	}
}
