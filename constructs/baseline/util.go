package baseline

import "github.com/hashicorp/terraform-cdk-go/cdktf"

func str(s string) *string { return &s }
func num(i int) *float64   { f := float64(i); return &f }

func deps(d ...cdktf.ITerraformDependable) *[]cdktf.ITerraformDependable { return &d }
