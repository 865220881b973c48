// Command app is the issue-29 example: the three small apps a team builds
// every day, each a stack of its own, built from the library's constructs
// only (no plain provider resource):
//
//   - acme-upload-dev: an upload bucket whose new objects trigger a function
//     that writes to a DynamoDB table; failed events land in an encrypted
//     queue watched by an alarm.
//   - acme-hourly-dev: an hourly function (EventBridge Scheduler with its own
//     role) that reads a Secrets Manager secret and calls an external HTTPS API.
//   - acme-db-dev and acme-db-prod: a private PostgreSQL database, an
//     SSM-only admin instance, and in prod a read replica.
//
// Synthesize them (cdktf.out/stacks/<stack>/cdk.tf.json):
//
//	cd examples/app && go run .
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/compute"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/database"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/network"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/queue"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/secret"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/storage"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/suppress"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/table"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/trigger"
)

// The stacks' ids.
const (
	UploadStack = "acme-upload-dev"
	HourlyStack = "acme-hourly-dev"
	DBDevStack  = "acme-db-dev"
	DBProdStack = "acme-db-prod"
)

// Stacks lists every stack Build adds.
var Stacks = []string{UploadStack, HourlyStack, DBDevStack, DBProdStack}

// Region is the region of every stack.
const Region = "eu-west-1"

func main() {
	code := 0
	app, err := stack.NewApp(stack.AppProps{})
	if err == nil {
		err = Build(app)
	}
	if err == nil {
		err = app.Synthesize()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		code = 1
	} else {
		for _, s := range Stacks {
			fmt.Println("wrote", app.StackFile(s))
		}
	}
	stack.Close()
	os.Exit(code)
}

// handlers is the folder of the functions' sources, found from this file
// so that tests (run in the package folder) and `go run .` agree.
func handlers(name string) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("handlers", name)
	}
	rel, err := filepath.Rel(mustGetwd(), filepath.Join(filepath.Dir(file), "handlers", name))
	if err != nil {
		return filepath.Join("handlers", name)
	}
	return rel
}

func mustGetwd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}

// Build adds the four stacks to app.
func Build(app *stack.App) error {
	if err := buildUpload(app); err != nil {
		return fmt.Errorf("%s: %w", UploadStack, err)
	}
	if err := buildHourly(app); err != nil {
		return fmt.Errorf("%s: %w", HourlyStack, err)
	}
	for _, env := range []string{"dev", "prod"} {
		if err := buildDB(app, env); err != nil {
			return fmt.Errorf("acme-db-%s: %w", env, err)
		}
	}
	return nil
}

// newStack adds the stack "{company}-{env}". Each app has a company part of
// its own ("acme-upload", ...): the apps share an account and a region
// here, and the library refuses two constructs of different stacks taking
// the same physical name (two "acme-dev-key" aliases, two "acme-dev-vpc"
// flow-log roles).
func newStack(app *stack.App, company, env string) (*stack.Stack, *encryption.Key, error) {
	s, err := stack.New(app, company+"-"+env, stack.Props{Company: company, Environment: env, Region: Region, Project: "acme-app"})
	if err != nil {
		return nil, nil, err
	}
	key, err := encryption.NewKey(s, "key", encryption.KeyProps{})
	return s, key, err
}

// buildUpload: uploads -> ingest -> table, failures to a watched queue.
func buildUpload(app *stack.App) error {
	s, key, err := newStack(app, "acme-upload", "dev")
	if err != nil {
		return err
	}
	artifacts, err := storage.NewBucket(s, "artifacts", storage.BucketProps{Key: key, ForceDestroy: true})
	if err != nil {
		return err
	}
	uploads, err := storage.NewBucket(s, "uploads", storage.BucketProps{Key: key, ForceDestroy: true})
	if err != nil {
		return err
	}
	// No NAT gateway: the function reaches DynamoDB through the VPC's
	// gateway endpoint (GrantWrite opens it) and nothing else.
	vpc, err := network.NewVPC(s, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key})
	if err != nil {
		return err
	}
	items, err := table.New(s, "items", table.Props{Key: key,
		PartitionKey: table.Attribute{Name: "pk"}, SortKey: &table.Attribute{Name: "sk"}})
	if err != nil {
		return err
	}
	ingest, err := compute.NewFunction(s, "ingest", compute.FunctionProps{
		Handler: "app.handler", Code: compute.CodeFromAsset(handlers("ingest"), artifacts), Key: key,
		Environment: map[string]string{"TABLE_NAME": items.Name()},
		Network:     &compute.FunctionNetwork{VPC: vpc},
	})
	if err != nil {
		return err
	}
	if err := items.GrantWrite(ingest); err != nil {
		return err
	}
	if _, err := trigger.NewBucketNotification(s, "uploads-to-ingest", trigger.BucketNotificationProps{
		Bucket: uploads, Functions: []trigger.FunctionTarget{{Function: ingest, Prefix: "incoming/"}},
	}); err != nil {
		return err
	}
	alerts, err := monitoring.NewTopic(s, "alerts", monitoring.TopicProps{Key: key})
	if err != nil {
		return err
	}
	failures, err := queue.New(s, "ingest-failures", queue.Props{Key: key})
	if err != nil {
		return err
	}
	_, err = ingest.HandleFailures(compute.FailureProps{Queue: failures, Topic: alerts})
	return err
}

// buildHourly: an hourly job reading a secret and calling an HTTPS API.
func buildHourly(app *stack.App) error {
	s, key, err := newStack(app, "acme-hourly", "dev")
	if err != nil {
		return err
	}
	artifacts, err := storage.NewBucket(s, "artifacts", storage.BucketProps{Key: key, ForceDestroy: true})
	if err != nil {
		return err
	}
	// The partner API is on the internet: one NAT gateway, and the
	// function's group may leave on 443 only (refused without the NAT).
	vpc, err := network.NewVPC(s, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key, NATGateways: network.SingleNAT})
	if err != nil {
		return err
	}
	token, err := secret.New(s, "api-token", secret.Props{Key: key, RecoveryWindowDays: 7,
		Description: "Token of the partner API; put the value with aws secretsmanager put-secret-value"})
	if err != nil {
		return err
	}
	report, err := compute.NewFunction(s, "report", compute.FunctionProps{
		Handler: "app.handler", Code: compute.CodeFromAsset(handlers("report"), artifacts), Key: key,
		Environment: map[string]string{"SECRET_ARN": token.Arn(), "API_URL": "https://api.example.com/heartbeat"},
		Network:     &compute.FunctionNetwork{VPC: vpc},
	})
	if err != nil {
		return err
	}
	if err := report.SecurityGroup().AllowInternetEgress(443, "posts a heartbeat to the partner API"); err != nil {
		return err
	}
	if err := token.GrantRead(report); err != nil {
		return err
	}
	if _, err := trigger.NewSchedule(s, "hourly-report", trigger.ScheduleProps{Function: report, Expression: "rate(1 hour)"}); err != nil {
		return err
	}
	alerts, err := monitoring.NewTopic(s, "alerts", monitoring.TopicProps{Key: key})
	if err != nil {
		return err
	}
	failures, err := queue.New(s, "report-failures", queue.Props{Key: key})
	if err != nil {
		return err
	}
	_, err = report.HandleFailures(compute.FailureProps{Queue: failures, Topic: alerts, NoRetry: true})
	return err
}

// buildDB: a private PostgreSQL database, an SSM-only admin instance, and a
// read replica in prod.
func buildDB(app *stack.App, env string) error {
	s, key, err := newStack(app, "acme-db", env)
	if err != nil {
		return err
	}
	vpc, err := network.NewVPC(s, "vpc", network.VPCProps{AZCount: 2, FlowLogKey: key})
	if err != nil {
		return err
	}
	db, err := database.NewInstance(s, "db", database.InstanceProps{Key: key, VPC: vpc, MaxAllocatedStorageGB: 100})
	if err != nil {
		return err
	}
	admin, err := compute.NewInstance(s, "admin", compute.InstanceProps{VPC: vpc, Key: key})
	if err != nil {
		return err
	}
	if err := db.AllowFrom(admin.SecurityGroup()); err != nil {
		return err
	}
	if env != "prod" {
		return nil
	}
	replica, err := database.NewReplica(s, "db-replica", database.ReplicaProps{Primary: db})
	if err != nil {
		return err
	}
	// Production databases keep deletion protection (the guard reports it
	// as information: terraform destroy fails until it is turned off).
	const reason = "prod keeps deletion protection on; turn it off in a reviewed change before destroying"
	if err := suppress.Rule(db.Construct(), "RDS005", reason); err != nil {
		return err
	}
	return suppress.Rule(replica.Construct(), "RDS005", reason)
}
