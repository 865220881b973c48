package rules

import (
	"time"

	"github.com/cdktf-secure-go/cdktf-secure-go/guard/engine"
)

// Options, CheckStack, CheckFile and CheckDir run the pack the way package
// guard does (package guard imports this one, so its tests cannot use it).
type Options struct {
	Now      time.Time
	Rules    []string
	MaxBytes int64
	Vars     []string
	VarFiles []string
}

func CheckStack(s *engine.Stack, opts Options) (engine.Report, error) {
	return engine.Checker{Rules: All(), Only: opts.Rules, Now: opts.Now}.Check(s)
}

func CheckFile(path string, opts Options) (engine.Report, error) {
	s, err := engine.LoadWith(path, opts.MaxBytes, engine.Inputs{Vars: opts.Vars, Files: opts.VarFiles})
	if err != nil {
		return engine.Report{}, err
	}
	return CheckStack(s, opts)
}

func CheckDir(path string, opts Options) (engine.Report, error) {
	paths, err := engine.Modules(path)
	if err != nil {
		return engine.Report{}, err
	}
	var rep engine.Report
	for _, p := range paths {
		r, err := CheckFile(p, opts)
		if err != nil {
			return engine.Report{}, err
		}
		rep.Merge(r)
	}
	return rep, nil
}
