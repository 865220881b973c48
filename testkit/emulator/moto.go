package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// MotoBinaryEnv names the moto_server executable (default: moto_server on PATH).
const MotoBinaryEnv = "MOTO_SERVER_BINARY"

// Moto timings.
const (
	motoStartTimeout = 60 * time.Second
	motoStopGrace    = 10 * time.Second
)

// Moto is a moto_server process bound to 127.0.0.1 on a free port.
type Moto struct {
	// Endpoint is the server's base URL, "http://127.0.0.1:<port>".
	Endpoint string
	// Log is the file holding the server's output.
	Log string

	cmd  *exec.Cmd
	done chan struct{}
}

// LookupMoto returns the moto_server executable or an error saying how to install it.
func LookupMoto() (string, error) {
	name := os.Getenv(MotoBinaryEnv)
	if name == "" {
		name = "moto_server"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s not found (%v); install it with `pip install 'moto[server]'` or set %s", name, err, MotoBinaryEnv)
	}
	return p, nil
}

// StartMoto starts moto_server on 127.0.0.1 and a free port, waits until it
// answers, and stops it when the test ends. Its output goes to a file in the
// test's temporary folder; the tail is printed when the test fails.
func StartMoto(t testing.TB) *Moto {
	t.Helper()
	bin, err := LookupMoto()
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	m, err := startMoto(bin, t.TempDir())
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("moto_server log tail (%s):\n%s", m.Log, tail(m.Log, 40))
		}
		if err := m.Stop(); err != nil {
			t.Errorf("deploy: stopping moto_server: %v", err)
		}
	})
	return m
}

func startMoto(bin, dir string) (*Moto, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("finding a free port: %w", err)
	}
	logPath := filepath.Join(dir, "moto_server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "MOTO_IAM_LOAD_MANAGED_POLICIES=true")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Dir = dir
	// moto_server is often a pyenv shim (a shell script running python):
	// give it its own process group so Stop reaches the real server too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	logFile.Close() // the child holds its own descriptor
	m := &Moto{Endpoint: "http://127.0.0.1:" + strconv.Itoa(port), Log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(m.done) }()

	if err := m.waitReady(motoStartTimeout); err != nil {
		stopErr := m.Stop()
		return nil, errors.Join(fmt.Errorf("%w; log tail:\n%s", err, tail(logPath, 40)), stopErr)
	}
	return m, nil
}

func (m *Moto) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-m.done:
			return fmt.Errorf("moto_server exited before answering on %s", m.Endpoint)
		default:
		}
		resp, err := client.Get(m.Endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("moto_server did not answer GET %s/moto-api/ within %s (last error: %v)", m.Endpoint, timeout, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// Reset clears every resource held by the emulator (POST /moto-api/reset).
func (m *Moto) Reset() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Endpoint+"/moto-api/reset", bytes.NewReader(nil))
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s/moto-api/reset: %s", m.Endpoint, resp.Status)
	}
	return nil
}

// Stop sends SIGTERM to the server's process group, SIGKILL after a grace
// period, and waits for the process. Calling it again does nothing.
func (m *Moto) Stop() error {
	select {
	case <-m.done:
		return nil
	default:
	}
	pgid := m.cmd.Process.Pid // Setpgid: the group id is the leader's pid
	if err := syscall.Kill(-pgid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("SIGTERM to process group %d: %w", pgid, err)
	}
	select {
	case <-m.done:
	case <-time.After(motoStopGrace):
		if err := syscall.Kill(-pgid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			return fmt.Errorf("SIGKILL to process group %d: %w", pgid, err)
		}
		<-m.done
	}
	// Reap anything left in the group (a python child of the shim).
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(path string, lines int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	b = bytes.TrimRight(b, "\n")
	n := 0
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '\n' {
			n++
			if n == lines {
				return string(b[i+1:])
			}
		}
	}
	return string(b)
}
