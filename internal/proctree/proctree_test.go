package proctree

import (
	"os"
	"os/exec"
	"slices"
	"testing"
)

func TestDescendantsFindsChildAndGrandchild(t *testing.T) {
	if _, ok := Descendants(os.Getpid()); !ok {
		t.Skip("no /proc")
	}
	// sh starts sleep as its own child and waits for it (no exec).
	cmd := exec.Command("/bin/sh", "-c", "sleep 5; true")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	var names []string
	for i := 0; i < 200; i++ { // until sh has started sleep
		pids, _ := Descendants(os.Getpid())
		names = names[:0]
		for _, p := range pids {
			names = append(names, Name(p))
		}
		if len(pids) == 2 {
			if pids[0] != cmd.Process.Pid {
				t.Fatalf("Descendants = %v; want the shell %d first", pids, cmd.Process.Pid)
			}
			break
		}
		exec.Command("/bin/sleep", "0.01").Run()
	}
	if !slices.Equal(names, []string{"sh", "sleep"}) {
		t.Fatalf("descendant names = %q; want [sh sleep]", names)
	}
	if Name(-1) != "" {
		t.Error(`Name of no process is not ""`)
	}
}
