package jsiiload

import (
	constructsjsii "github.com/aws/constructs-go/constructs/v10/jsii"
	awsjsii "github.com/cdktf/cdktf-provider-aws-go/aws/v19/jsii"
	cdktfjsii "github.com/hashicorp/terraform-cdk-go/cdktf/jsii"
)

// awsPackage is the provider's jsii package: its stock tarball and the
// dependencies to load first (the same order its own Initialize uses).
var awsPackage = pkgSpec{
	label:   "cdktf-provider-aws",
	tarball: func() []byte { return awsTarball },
	deps:    func() { cdktfjsii.Initialize(); constructsjsii.Initialize() },
	stock:   awsjsii.Initialize,
	cdktf:   func() []byte { return cdktfTarball },
}

// pkgSpec describes one jsii package that can be loaded the fast way.
type pkgSpec struct {
	label   string
	tarball func() []byte
	deps    func()
	stock   func()
	// cdktf is the stock cdktf tarball, from which the derived cdktf
	// package (cdktf.go) is made; nil for none.
	cdktf func() []byte
}
