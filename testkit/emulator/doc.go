// Package emulator is the deploy tier of the test kit: it applies a
// synthesized stack to a local AWS emulator (moto_server on 127.0.0.1),
// runs the caller's post-apply checks, requires a zero-change re-plan,
// destroys the stack and requires an empty state, all through terraform-exec
// and terraform-json. It needs no AWS account and no AWS SDK: Deployed gives
// the emulator's endpoint for tests that want to call the service APIs with
// an SDK of their choosing.
//
// # Against the emulator (the default)
//
// Run starts moto_server on 127.0.0.1 and a free port (StartMoto), copies the
// stack folder, and writes OverrideFile beside cdk.tf.json (WriteOverride):
// every aws provider block gets the emulator's endpoints, static "test"
// credentials and max_retries = 3, state stays in the copy, and the entries
// of Gaps (the one documented list of emulator differences) are added for the
// resources they apply to. The synthesized stack itself is never changed.
//
//	go test ./...                  # needs terraform, the provider mirror, moto_server
//	go test -short ./...           # skips the deploy tier
//	CI=true go test ./...          # a missing tool fails instead of skipping
//
// Every run logs one greppable line with its figures:
//
//	deploy: stack=acme-dev engine=terraform resources=90 apply=105.2s plan=7.1s destroy=80.3s
//
// # Terraform or OpenTofu
//
// Options.Engine, else CDKTF_SECURE_ENGINE, chooses the engine: "terraform"
// (the default) or "tofu" (see testkit/tfrun: TOFU_BINARY, tofu on PATH, or
// the binary scripts/build-tofu.sh builds into the user cache folder). The
// cycle, the override file and the gaps are the same for both. Under
// OpenTofu on the emulator, AWS_ENDPOINT_URL_KMS, _STS and _IAM point at the
// emulator too, for the aws_kms key provider of an encrypted state
// (stack.StateEncryption), which has no endpoint setting of its own.
//
// # Against a real AWS account (costs money)
//
// The same tier runs against real AWS with the ambient credentials (AWS_PROFILE,
// SSO, environment variables, ...) when both variables are set:
//
//	CDKTF_SECURE_DEPLOY_TARGET=aws
//	CDKTF_SECURE_DEPLOY_ACCOUNT=<the 12-digit account id of those credentials>
//
// Then no emulator is started and no emulator override or gap is written;
// only a local-backend override keeps the test's state in its temporary
// folder. Run refuses to start unless the ambient credentials belong to
// exactly CDKTF_SECURE_DEPLOY_ACCOUNT (asked through Terraform's
// aws_caller_identity data source, so no SDK is involved), logs a warning
// naming the account, and always destroys what it applied, even after a
// failed assertion or apply. Use a
// sandbox account: the reference stack creates billable resources (NAT
// gateways, an RDS instance, KMS keys, a multi-region trail) for the minutes
// the test runs, and resource names are fixed ("acme-dev-..."), so two runs
// in one account collide. If a run is killed, destroy by hand from the
// folder the test logged. Never set these variables in shared CI by default.
//
//	CDKTF_SECURE_DEPLOY_TARGET=aws CDKTF_SECURE_DEPLOY_ACCOUNT=111122223333 \
//	  AWS_PROFILE=sandbox go test -run TestDeployReference -timeout 60m ./...   # in internal/e2e
package emulator
