// Package handler locates the reference Lambda handler's source folder, so
// the reference stack packages it whatever the working directory is
// (go run . at the repository root, or go test in a package folder).
package handler

import (
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the path of the handler's source folder (examples/handler/src):
// absolute, from this file's location at build time; when that is not
// available (a -trimpath build, or a binary moved to another machine) it is
// "examples/handler/src" relative to the working directory (the repository
// root under cdktf synth). Only the packaged zip's content hash and a
// relative asset path reach the synthesized output, never this path.
func Dir() string {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Join(filepath.Dir(file), "src")
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	return filepath.Join("examples", "handler", "src")
}

// Handler is the function entry point inside the package: module app, function handler.
const Handler = "app.handler"
