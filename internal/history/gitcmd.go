package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/slurp"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// gitGlobalOptions come before every git subcommand: read the objects the
// commits name, as they are (no replace refs), take paths literally (no
// glob or pathspec magic in a directory's name), never start a program a
// setting names (fsmonitor) and never fetch (a partial clone's missing
// objects would be fetched from its remote).
var gitGlobalOptions = []string{
	"--no-replace-objects", "--literal-pathspecs",
	"-c", "core.fsmonitor=false", "-c", "core.quotepath=off", "-c", "protocol.allow=never",
}

// gitEnv is the whole environment git runs with. None of the caller's
// GIT_* variables reaches it, so GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
// GIT_OBJECT_DIRECTORY or GIT_CONFIG_* cannot point it at another
// repository. HOME and XDG_CONFIG_HOME stay so that the user's
// safe.directory entries still apply; C messages, so that the one message
// told apart below ("not a git repository") reads the same everywhere.
func gitEnv() []string {
	env := []string{"LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1"}
	for _, k := range []string{"PATH", "HOME", "XDG_CONFIG_HOME", "SYSTEMROOT"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// gitCommand is git with args, run in dir.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append(slices.Clone(gitGlobalOptions), args...)...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	return cmd
}

// gitError is git exiting with an error.
type gitError struct {
	subcommand string
	exitCode   int
	stderr     string // trimmed
}

func (e *gitError) Error() string {
	if e.stderr == "" {
		return fmt.Sprintf("git %s exited with status %d", e.subcommand, e.exitCode)
	}
	return fmt.Sprintf("git %s: %s", e.subcommand, e.stderr)
}

// errNoGit is the git binary missing.
var errNoGit = errors.New("reading the history of a snapshot directory needs git, which is not on PATH: install git (https://git-scm.com/downloads)")

// runGit runs a git subcommand in dir and returns what it printed.
func runGit(dir string, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := gitCommand(context.Background(), dir, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", commandError(args[0], err, stderr.String())
	}
	return stdout.String(), nil
}

func commandError(subcommand string, err error, stderr string) error {
	if errors.Is(err, exec.ErrNotFound) {
		return errNoGit
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return &gitError{subcommand: subcommand, exitCode: exit.ExitCode(), stderr: strings.TrimSpace(stderr)}
	}
	return fmt.Errorf("git %s: %w", subcommand, err)
}

// snapshotFiles reads the snapshot files of directory rel at commit hash,
// with one `git cat-file --batch`: the directory, then each file, every
// size checked before its contents are read.
func snapshotFiles(root, hash, rel string) (map[string][]byte, error) {
	dirObject, prefix := hash+":"+rel, hash+":"+rel+"/"
	if rel == "." {
		dirObject, prefix = hash+":", hash+":"
	}
	names := []string{snapshot.MetaFile, snapshot.JSONFile, snapshot.SDLFile}
	var requests strings.Builder
	requests.WriteString(dirObject + "\n")
	for _, name := range names {
		requests.WriteString(prefix + name + "\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := gitCommand(ctx, root, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(requests.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, commandError("cat-file", err, "")
	}
	files, readErr := readSnapshotObjects(bufio.NewReader(pipe), rel, names)
	if readErr != nil {
		cancel() // the rest is not wanted: stop git rather than drain it
	}
	if err := cmd.Wait(); readErr == nil && err != nil {
		readErr = commandError("cat-file", err, stderr.String())
	}
	if readErr != nil && stderr.Len() > 0 && !strings.Contains(readErr.Error(), "git cat-file") {
		readErr = fmt.Errorf("%w (git cat-file: %s)", readErr, strings.TrimSpace(stderr.String()))
	}
	return files, readErr
}

// readSnapshotObjects reads cat-file's answers: the directory, which must
// be a tree, then the files, of which those that are missing or not a file
// are left out.
func readSnapshotObjects(r *bufio.Reader, rel string, names []string) (map[string][]byte, error) {
	kind, _, err := readObject(r, 0)
	if err != nil {
		return nil, err
	}
	if kind != "tree" {
		return nil, fmt.Errorf("%s: directory not found", rel)
	}
	files := map[string][]byte{}
	for _, name := range names {
		kind, data, err := readObject(r, schema.MaxSourceBytes)
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("%s/%s: more than %d MiB", rel, name, schema.MaxSourceBytes>>20)
		} else if err != nil {
			return nil, err
		}
		if kind == "blob" {
			files[name] = data
		}
	}
	return files, nil
}

var errTooLarge = errors.New("object too large")

// readObject reads one of cat-file --batch's answers, "<object> <type>
// <size>\n<contents>\n" or "<name> missing\n", and returns the type
// ("missing" for none) and, when keep > 0, the contents; an object larger
// than keep is errTooLarge.
func readObject(r *bufio.Reader, keep int) (kind string, data []byte, err error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return "", nil, fmt.Errorf("git cat-file stopped early: %w", err)
	}
	header = strings.TrimSuffix(header, "\n")
	if strings.HasSuffix(header, " missing") || strings.HasSuffix(header, " ambiguous") {
		return "missing", nil, nil
	}
	f := strings.Fields(header)
	if len(f) != 3 || !isHash(f[0]) {
		return "", nil, fmt.Errorf("git cat-file said %q, not an object", header)
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return "", nil, fmt.Errorf("git cat-file said %q, not an object", header)
	}
	if keep > 0 && f[1] == "blob" {
		if size > int64(keep) {
			return "", nil, errTooLarge
		}
		// The header's size is a hint, bounded by keep above: the
		// bytes read are what counts.
		data, err = slurp.Append(nil, r, int(size), int(size))
		if err == nil && int64(len(data)) != size {
			err = io.ErrUnexpectedEOF
		}
	} else {
		_, err = r.Discard(int(size))
	}
	if err == nil {
		var b byte
		if b, err = r.ReadByte(); err == nil && b != '\n' {
			err = fmt.Errorf("no line break after the object")
		}
	}
	if err != nil {
		return "", nil, fmt.Errorf("git cat-file stopped early: %w", err)
	}
	return f[1], data, nil
}
