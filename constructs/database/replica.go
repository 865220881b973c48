package database

import (
	"errors"
	"fmt"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/cdktf/cdktf-provider-aws-go/aws/v19/dbinstance"
	"github.com/hashicorp/terraform-cdk-go/cdktf"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/catalog"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/logging"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/naming"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/internal/jsiival"
)

// ReplicaProps configures a read replica in the primary's region. Everything
// that hardens the primary is copied from it and cannot be changed here:
// the database subnet group, the security groups, encryption with the
// primary's key, the TLS parameter group, Enhanced Monitoring (its role),
// Performance Insights, the exported logs (each to its own encrypted log
// group), storage autoscaling and the removal policy.
type ReplicaProps struct {
	// Primary is the instance replicated. Required.
	Primary *Instance
	// Name is the identifier suffix: "{company}-{environment}-{Name}".
	// Default: the construct id.
	Name string
	// InstanceClass is the replica's class. Default: the primary's.
	InstanceClass string
	// MultiAZ runs a standby of the replica. Default: false.
	MultiAZ bool
}

// Validate reports every problem, each naming its field.
func (p ReplicaProps) Validate() error {
	var errs []error
	if p.Primary == nil {
		errs = append(errs, errors.New("primary: must not be nil; pass the *database.Instance to replicate"))
	}
	if c := p.InstanceClass; c != "" {
		if !classPattern.MatchString(c) {
			errs = append(errs, fmt.Errorf("instanceClass: %q is not an RDS instance class; use \"db.<family>.<size>\"", c))
		} else if err := catalog.CheckRDSInstanceClass("instanceClass", c); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Replica is a read replica of an Instance.
type Replica struct {
	node       constructs.Construct
	db         dbinstance.DbInstance
	identifier string
	identRef   string
	logGroups  []*logging.LogGroup
}

// NewReplica validates props and creates the replica's log groups and the
// replica (replicate_source_db = the primary), which depends on them and on
// the primary.
//
// A same-region replica takes its storage encryption from the primary and
// may name the primary's subnet group (Amazon RDS User Guide, "Working with
// DB instance read replicas",
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html);
// the master user and its secret, the database name and backups of the
// replica come from the primary, and a read replica has no final snapshot
// ("can't be specified when deleting a read replica", DeleteDBInstance,
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html).
func NewReplica(scope constructs.Construct, id string, props ReplicaProps) (*Replica, error) {
	if err := props.Validate(); err != nil {
		return nil, err
	}
	prim := props.Primary
	pp := prim.props
	name := props.Name
	if name == "" {
		name = id
	}
	st, identifier, err := stack.Named(scope, id, naming.RDSInstance, name)
	if err != nil {
		return nil, err
	}
	class := props.InstanceClass
	if class == "" {
		class = pp.InstanceClass
	}
	r := &Replica{identifier: identifier}
	if err := stack.Catch(func() { r.node = st.NewNode(scope, id) }); err != nil {
		return nil, err
	}
	deps := []cdktf.ITerraformDependable{prim.db}
	logs := engines[pp.Engine].logs
	for _, l := range logs {
		g, err := logging.NewLogGroup(r.node, "logs-"+l, logging.LogGroupProps{
			Name: "/aws/rds/instance/" + identifier + "/" + l, Key: pp.Key, RetentionDays: pp.LogRetentionDays,
		})
		if err != nil {
			return nil, fmt.Errorf("log group: %w", err)
		}
		r.logGroups = append(r.logGroups, g)
		deps = append(deps, g.DependsOnTarget())
	}
	protect := prim.removal == Protect
	withPI := pp.performanceInsights()
	if class != pp.InstanceClass {
		q := pp
		q.InstanceClass = class
		withPI = q.performanceInsights()
	}
	err = stack.Catch(func() {
		cfg := &dbinstance.DbInstanceConfig{
			Identifier:                       str(identifier),
			ReplicateSourceDb:                str(prim.identRef),
			InstanceClass:                    str(class),
			StorageType:                      str("gp3"),
			StorageEncrypted:                 boolp(true),
			KmsKeyId:                         str(pp.Key.Arn()),
			DbSubnetGroupName:                str(prim.subnetGroup),
			ParameterGroupName:               str(prim.paramGroupRef),
			VpcSecurityGroupIds:              jsiival.Strings(prim.groupIDs),
			PubliclyAccessible:               boolp(false),
			MultiAz:                          boolp(props.MultiAZ),
			CopyTagsToSnapshot:               boolp(true),
			AutoMinorVersionUpgrade:          boolp(true),
			DeletionProtection:               boolp(protect),
			SkipFinalSnapshot:                boolp(true),
			EnabledCloudwatchLogsExports:     jsiival.Strings(logs),
			PerformanceInsightsEnabled:       boolp(withPI),
			IamDatabaseAuthenticationEnabled: boolp(true),
			DependsOn:                        &deps,
		}
		if pp.MaxAllocatedStorageGB > 0 {
			cfg.MaxAllocatedStorage = f64(pp.MaxAllocatedStorageGB)
		}
		if withPI {
			cfg.PerformanceInsightsKmsKeyId = str(pp.Key.Arn())
			cfg.PerformanceInsightsRetentionPeriod = f64(7)
		}
		if prim.monitoring != nil {
			cfg.MonitoringInterval = f64(pp.MonitoringIntervalSeconds)
			cfg.MonitoringRoleArn = str(prim.monitoring.Arn())
		}
		r.db = dbinstance.NewDbInstance(r.node, str("instance"), cfg)
		r.identRef = *r.db.Identifier()
	})
	if err != nil {
		return nil, err
	}
	prim.replicas++
	stack.RecordPlain(r.identRef, identifier)
	return r, nil
}

// Identifier is the replica's identifier (a Terraform reference).
func (r *Replica) Identifier() string { return r.identRef }

// FullIdentifier is the replica's identifier (plain text).
func (r *Replica) FullIdentifier() string { return r.identifier }

// Arn is the replica's ARN (a Terraform reference).
func (r *Replica) Arn() string { return *r.db.Arn() }

// Address is the replica's DNS name (a Terraform reference).
func (r *Replica) Address() string { return *r.db.Address() }

// Construct is the replica's construct node.
func (r *Replica) Construct() constructs.Construct { return r.node }
