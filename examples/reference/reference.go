// Package reference is the reference stack: every construct of the library
// composed into one secure environment. Copy it as the template for your own.
package reference

import (
	"github.com/cdktf-secure-go/cdktf-secure-go/constructs/stack"
)

// Config selects the environment the reference stack is built for.
type Config struct {
	// Company is the first part of every name. Default in main: "acme".
	Company string
	// Environment is "dev", "prod", ... Default in main: "dev".
	Environment string
	// Region is the AWS region. Default in main: "us-east-1".
	Region string
	// Backend selects the state backend. Default: local relative state file.
	Backend stack.Backend
	// Tags are extra default tags. Default: none.
	Tags map[string]string
}

// StackID is the stack's id and output folder name: "{company}-{environment}".
func (c Config) StackID() string { return c.Company + "-" + c.Environment }

// New builds the reference stack in app.
func New(app *stack.App, cfg Config) (*stack.Stack, error) {
	s, err := stack.New(app, cfg.StackID(), stack.Props{
		Company:     cfg.Company,
		Environment: cfg.Environment,
		Region:      cfg.Region,
		Tags:        cfg.Tags,
		Backend:     cfg.Backend,
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}
