// Package e2e holds the library's own end-to-end checks that need the AWS
// SDK: the reference stack deployed to the emulator (or a real account) and
// checked through the service APIs, a hand-written minimal stack, and the
// probes that prove every entry of the emulator-gap list (testkit/emulator)
// against the running emulator.
//
// It is a module of its own (internal/e2e/go.mod, the library through
// `replace ../..`), so aws-sdk-go-v2 is a requirement of this module only:
// neither the library's go.mod nor a consumer's ever lists it. The deploy
// cycle itself (moto, overrides, apply, re-plan, destroy) is the public
// testkit/emulator, which needs no SDK.
//
//	cd internal/e2e && go test -timeout 60m ./...    # needs terraform, the provider mirror, moto_server
package e2e
