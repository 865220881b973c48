// Package proctree lists a process's live descendants from Linux's /proc,
// for the benchmark helper and tests that check which processes a run
// started (the jsii runtime's node processes).
package proctree

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Descendants returns the pids of pid's live descendants, each parent before
// its children. ok is false where there is no /proc (not Linux).
func Descendants(pid int) (pids []int, ok bool) {
	if _, err := os.Stat("/proc/self/task"); err != nil {
		return nil, false
	}
	var walk func(pid int)
	walk = func(pid int) {
		for _, child := range children(pid) {
			pids = append(pids, child)
			walk(child)
		}
	}
	walk(pid)
	return pids, true
}

// Name returns a process's command name ("" when it has ended).
func Name(pid int) string {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
	return strings.TrimSpace(string(b))
}

// Children returns the pids of pid's children, zombies included (a child
// is listed until its parent has waited for it). ok is false where there
// is no /proc.
func Children(pid int) (pids []int, ok bool) {
	if _, err := os.Stat("/proc/self/task"); err != nil {
		return nil, false
	}
	return children(pid), true
}

// children reads pid's children from /proc: one children file per thread,
// since a child belongs to the thread that started it.
func children(pid int) []int {
	var pids []int
	tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/children")
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue // the thread ended
		}
		for _, f := range strings.Fields(string(b)) {
			if child, err := strconv.Atoi(f); err == nil {
				pids = append(pids, child)
			}
		}
	}
	return pids
}

// Args returns a process's command line (nil when it has ended or is a
// zombie).
func Args(pid int) []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil || len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}
