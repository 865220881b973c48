package access

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// StackFiles finds the cdk.tf.json files under path: the file itself, a
// stack folder holding cdk.tf.json, or a cdktf.out folder (its
// stacks/*/cdk.tf.json). It fails naming the path when there is none.
func StackFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	if f := filepath.Join(path, "cdk.tf.json"); exists(f) {
		return []string{f}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "stacks", "*", "cdk.tf.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no cdk.tf.json here nor in stacks/*/ (give a stack folder, a cdk.tf.json or a cdktf.out folder)", path)
	}
	sort.Strings(files)
	return files, nil
}

func exists(f string) bool {
	_, err := os.Stat(f)
	return err == nil
}

// CheckFile loads one cdk.tf.json and checks it.
func CheckFile(file string, bind Binding) (*Report, error) {
	s, err := LoadStack(file, bind)
	if err != nil {
		return nil, err
	}
	rep, err := Check(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return rep, nil
}
