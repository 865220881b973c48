package monitoring_test

import (
	"log"

	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/encryption"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/monitoring"
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Wire an encrypted alarm topic, Lambda and RDS alarms, and the CIS alarms on
// the CloudTrail log group. (Compiled, not run: it needs the jsii runtime.)
func Example() {
	app, err := stack.NewApp(stack.AppProps{})
	if err != nil {
		log.Fatal(err)
	}
	st, err := stack.New(app, "acme-dev", stack.Props{Company: "acme", Environment: "dev", Region: "us-east-1"})
	if err != nil {
		log.Fatal(err)
	}
	key, err := encryption.NewKey(st, "alarms-key", encryption.KeyProps{})
	if err != nil {
		log.Fatal(err)
	}
	topic, err := monitoring.NewTopic(st, "alarms", monitoring.TopicProps{
		Key:                key,
		EmailSubscriptions: []string{"ops@example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := monitoring.NewAlarms(st, "app-alarms", monitoring.AlarmsProps{
		Topic:           topic,
		LambdaFunctions: []string{"acme-dev-processor"}, // e.g. fn.Name()
		DBInstances:     []string{"acme-dev-db"},        // e.g. db.Identifier()
		RDSCPUPercent:   90,
	}); err != nil {
		log.Fatal(err)
	}
	if _, err := monitoring.NewCISAlarms(st, "cis", monitoring.CISProps{
		Topic:        topic,
		LogGroupName: "/acme/dev/trail", // e.g. trail.LogGroupName(); set DependsOn when it is plain text
	}); err != nil {
		log.Fatal(err)
	}
	if err := app.Synthesize(); err != nil {
		log.Fatal(err)
	}
}
