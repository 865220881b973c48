// Package handler locates the reference Lambda handler's source folder, so
// the reference stack packages it whatever the working directory is
// (go run . at the repository root, or go test in a package folder).
package handler

import (
	"path/filepath"
	"runtime"
)

// Dir is the absolute path of the handler's source folder (examples/handler/src).
// Only the packaged zip's content hash and a relative asset path reach the
// synthesized output, never this path.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("examples", "handler", "src")
	}
	return filepath.Join(filepath.Dir(file), "src")
}

// Handler is the function entry point inside the package: module app, function handler.
const Handler = "app.handler"
