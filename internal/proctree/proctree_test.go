package proctree

import (
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
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
	want := []string{"sh", "sleep"}
	var pids []int
	var names []string
	// Until sh has started sleep: the grandchild exists as a forked "sh"
	// for a moment before its exec makes it "sleep".
	for i := 0; i < 200; i++ {
		pids, _ = Descendants(os.Getpid())
		names = names[:0]
		for _, p := range pids {
			names = append(names, Name(p))
		}
		if slices.Equal(names, want) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(pids) > 0 && pids[0] != cmd.Process.Pid {
		t.Fatalf("Descendants = %v; want the shell %d first", pids, cmd.Process.Pid)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("descendant names = %q; want [sh sleep]", names)
	}
	if Name(-1) != "" {
		t.Error(`Name of no process is not ""`)
	}
}

func TestChildrenListsZombiesUntilWaitedFor(t *testing.T) {
	if _, ok := Children(os.Getpid()); !ok {
		t.Skip("no /proc")
	}
	cmd := exec.Command("/bin/sh", "-c", "sleep 5; true", "arg0", "x y")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	if got := Args(pid); !slices.Equal(got, []string{"/bin/sh", "-c", "sleep 5; true", "arg0", "x y"}) {
		t.Errorf("Args = %q; want the shell's command line", got)
	}
	children := func() []int { c, _ := Children(os.Getpid()); return c }
	if c := children(); !slices.Contains(c, pid) {
		t.Fatalf("Children = %v; want the shell %d", c, pid)
	}
	cmd.Process.Kill()
	// Dead but not waited for: still a child (a zombie, without arguments).
	for i := 0; i < 200 && Args(pid) != nil; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if Args(pid) != nil {
		t.Fatal("the killed shell still has a command line after 2 s")
	}
	if c := children(); !slices.Contains(c, pid) {
		t.Fatalf("Children = %v; want the zombie %d until it is waited for", c, pid)
	}
	cmd.Wait()
	if c := children(); slices.Contains(c, pid) {
		t.Fatalf("Children = %v still lists %d after Wait", c, pid)
	}
}
