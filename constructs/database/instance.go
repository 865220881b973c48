package database

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"

	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstance"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbparametergroup"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/identity"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Instance is a private, encrypted RDS instance with a managed master
// password and its own security group.
type Instance struct {
	node       constructs.Construct
	db         dbinstance.DbInstance
	identifier string
	engine     Engine
	removal    RemovalPolicy
	sg         *network.SecurityGroup
	logGroups  []*logging.LogGroup
	monitoring *identity.Role
	secretArn  string
	paramGroup string
	// What a replica copies (replica.go).
	props         InstanceProps // defaults applied
	subnetGroup   string
	groupIDs      []string
	paramGroupRef string
	identRef      string
	replicas      int
}

// NewInstance validates props and creates the security group, exported log
// groups, Enhanced Monitoring role, a parameter group that makes the server
// refuse connections without TLS, and the instance.
func NewInstance(scope constructs.Construct, id string, props InstanceProps) (*Instance, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	p := props.defaults(id)
	if pre, err := stack.Of(scope); err == nil {
		if err := encryption.CheckRegion("key", p.Key, pre.RegionName, "an RDS instance"); err != nil {
			return nil, err
		}
	}
	st, identifier, err := stack.Named(scope, id, naming.RDSInstance, p.Name)
	if err != nil {
		return nil, err
	}
	// Check the derived names before creating anything.
	paramGroup, err := st.Name(naming.RDSParamGrp, p.Name+"-tls")
	if err != nil {
		return nil, fmt.Errorf("%w (the parameter group is named after the instance; shorten Name)", err)
	}
	if err := st.Claim(naming.RDSParamGrp, paramGroup, scope, id); err != nil {
		return nil, err
	}
	if p.MonitoringIntervalSeconds > 0 {
		if _, err := st.Name(naming.IAMRole, p.Name+"-rds-monitoring"); err != nil {
			return nil, fmt.Errorf("%w (the Enhanced Monitoring role is named after the instance; shorten Name or set DisableEnhancedMonitoring)", err)
		}
	}
	subnetGroup := p.VPC.DatabaseSubnetGroupName()
	if subnetGroup == "" {
		return nil, errors.New("vpc: has no database subnet group (RDS needs subnets in two availability zones); create the VPC with AZCount 2 or more")
	}
	db := &Instance{identifier: identifier, engine: p.Engine, removal: p.RemovalPolicy.Resolve(st.Naming.IsProduction()), paramGroup: paramGroup}
	var snapshot string
	if db.removal == Protect {
		if snapshot, err = FinalSnapshotIdentifier(identifier); err != nil {
			return nil, err
		}
	}
	if err := stack.Catch(func() { db.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	var groupIDs []string
	if !p.NoOwnSecurityGroup {
		db.sg, err = network.NewSecurityGroup(db.node, "security-group", network.SecurityGroupProps{
			VPC: p.VPC, Name: p.Name + "-db", Description: "RDS instance " + identifier,
		})
		if err != nil {
			return nil, fmt.Errorf("vpc: %w", err)
		}
		groupIDs = append(groupIDs, db.sg.ID())
	}
	groupIDs = append(groupIDs, network.IDs(p.SecurityGroups)...)
	db.props, db.subnetGroup, db.groupIDs = p, subnetGroup, groupIDs
	var deps []cdktf.ITerraformDependable
	if g := p.VPC.DatabaseSubnetGroup(); g != nil {
		deps = append(deps, g)
	}
	logs := engines[p.Engine].logs
	for _, l := range logs {
		g, err := logging.NewLogGroup(db.node, "logs-"+l, logging.LogGroupProps{
			Name: "/aws/rds/instance/" + identifier + "/" + l, Key: p.Key, RetentionDays: p.LogRetentionDays,
		})
		if err != nil {
			return nil, fmt.Errorf("log group: %w", err)
		}
		db.logGroups = append(db.logGroups, g)
		deps = append(deps, g.DependsOnTarget())
	}
	if p.MonitoringIntervalSeconds > 0 {
		db.monitoring, err = identity.NewServiceRole(db.node, "monitoring-role", identity.ServiceRoleProps{
			Name:              p.Name + "-rds-monitoring",
			Description:       "Enhanced Monitoring of RDS instance " + identifier,
			Services:          []string{"monitoring.rds.amazonaws.com"},
			ManagedPolicyArns: []string{identity.ManagedPolicyARN(st.AWS.Partition(), "service-role/AmazonRDSEnhancedMonitoringRole")},
		})
		if err != nil {
			return nil, fmt.Errorf("monitoring role: %w", err)
		}
		deps = append(deps, db.monitoring.DependsOnTargets()...)
	}
	protect := db.removal == Protect
	err = stack.Catch(func() {
		// The engines' defaults accept plain-text connections (PostgreSQL
		// before 15, every MySQL): require TLS in the instance's own group.
		tls := dbparametergroup.NewDbParameterGroup(db.node, str("parameters"), &dbparametergroup.DbParameterGroupConfig{
			Name:        str(paramGroup),
			Family:      str(p.Engine.ParameterGroupFamily(p.EngineVersion)),
			Description: str("Requires TLS for RDS instance " + identifier),
			Parameter: &[]*dbparametergroup.DbParameterGroupParameter{{
				Name: str(p.Engine.TLSParameter()), Value: str("1"),
			}},
		})
		db.paramGroupRef = *tls.Name()
		cfg := &dbinstance.DbInstanceConfig{
			Identifier:                       str(identifier),
			Engine:                           str(string(p.Engine)),
			EngineVersion:                    str(p.EngineVersion),
			InstanceClass:                    str(p.InstanceClass),
			Port:                             f64(p.Engine.Port()),
			AllocatedStorage:                 f64(p.AllocatedStorageGB),
			StorageType:                      str("gp3"),
			StorageEncrypted:                 boolp(true),
			KmsKeyId:                         str(p.Key.Arn()),
			DbSubnetGroupName:                str(subnetGroup),
			ParameterGroupName:               str(db.paramGroupRef),
			VpcSecurityGroupIds:              jsiival.Strings(groupIDs),
			PubliclyAccessible:               boolp(false),
			MultiAz:                          boolp(p.MultiAZ),
			Username:                         str(p.Username),
			ManageMasterUserPassword:         boolp(true),
			MasterUserSecretKmsKeyId:         str(p.Key.Arn()),
			IamDatabaseAuthenticationEnabled: boolp(true),
			BackupRetentionPeriod:            f64(p.BackupRetentionDays),
			CopyTagsToSnapshot:               boolp(true),
			AutoMinorVersionUpgrade:          boolp(true),
			AllowMajorVersionUpgrade:         boolp(false),
			DeletionProtection:               boolp(protect),
			SkipFinalSnapshot:                boolp(!protect),
			DeleteAutomatedBackups:           boolp(!protect),
			EnabledCloudwatchLogsExports:     jsiival.Strings(logs),
			PerformanceInsightsEnabled:       boolp(p.performanceInsights()),
		}
		if protect {
			cfg.FinalSnapshotIdentifier = str(snapshot)
		}
		if p.MaxAllocatedStorageGB > 0 {
			cfg.MaxAllocatedStorage = f64(p.MaxAllocatedStorageGB)
		}
		if p.DatabaseName != "" {
			cfg.DbName = str(p.DatabaseName)
		}
		if p.performanceInsights() {
			cfg.PerformanceInsightsKmsKeyId = str(p.Key.Arn())
			cfg.PerformanceInsightsRetentionPeriod = f64(7)
		}
		if db.monitoring != nil {
			cfg.MonitoringInterval = f64(p.MonitoringIntervalSeconds)
			cfg.MonitoringRoleArn = str(db.monitoring.Arn())
		}
		if len(deps) > 0 {
			cfg.DependsOn = &deps
		}
		db.db = dbinstance.NewDbInstance(db.node, str("instance"), cfg)
		db.secretArn = *db.db.MasterUserSecret().Get(f64(0)).SecretArn()
		db.identRef = *db.db.Identifier()
	})
	if err != nil {
		return nil, err
	}
	stack.RecordPlain(db.identRef, identifier)
	return db, nil
}

// AllowFrom lets peer (e.g. a function's SecurityGroup()) connect on the
// engine's port: ingress on the database group and egress on peer's.
func (db *Instance) AllowFrom(peer *network.SecurityGroup) error {
	if peer == nil {
		return errors.New("peer: must not be nil; pass the security group of the client (e.g. fn.SecurityGroup())")
	}
	if db.sg == nil {
		return fmt.Errorf("peer: instance %s has no own security group (NoOwnSecurityGroup); allow %s on the groups you gave it", db.identifier, peer.Name())
	}
	return db.sg.AllowFrom(peer, db.Port(), "")
}

// Endpoint is "address:port" (a Terraform reference).
func (db *Instance) Endpoint() string { return *db.db.Endpoint() }

// Address is the instance's DNS name (a Terraform reference).
func (db *Instance) Address() string { return *db.db.Address() }

// Port is the engine's port: 5432 (PostgreSQL) or 3306 (MySQL).
func (db *Instance) Port() int { return db.engine.Port() }

// SecretArn is the ARN of the Secrets Manager secret RDS manages for the
// master user (master_user_secret[0].secret_arn, a Terraform reference).
func (db *Instance) SecretArn() string { return db.secretArn }

// Arn is the instance's ARN (a Terraform reference).
func (db *Instance) Arn() string { return *db.db.Arn() }

// ParameterGroupName is the name of the instance's parameter group,
// "{company}-{environment}-{name}-tls" (plain text). It sets the engine's
// TLSParameter to "1".
func (db *Instance) ParameterGroupName() string { return db.paramGroup }

// Identifier is the instance identifier (a Terraform reference): a plain
// resource using it waits for the instance. Alarms accept it
// (stack.PlainText).
func (db *Instance) Identifier() string { return db.identRef }

// FullIdentifier is the instance identifier, "{company}-{environment}-{name}"
// (plain text, known at synth; it carries no dependency).
func (db *Instance) FullIdentifier() string { return db.identifier }

// RemovalPolicy is the resolved policy: Protect or Destroy.
func (db *Instance) RemovalPolicy() RemovalPolicy { return db.removal }

// SecurityGroup is the instance's own security group, nil with
// InstanceProps.NoOwnSecurityGroup. RDS needs no VPC endpoint: it rotates
// the master secret and ships logs and Enhanced Monitoring from the service
// side, so the group has no egress.
func (db *Instance) SecurityGroup() *network.SecurityGroup { return db.sg }

// Construct is the construct node holding the instance's resources.
func (db *Instance) Construct() constructs.Construct { return db.node }

func str(s string) *string { return &s }
func boolp(b bool) *bool   { return &b }
func f64(i int) *float64   { f := float64(i); return &f }
