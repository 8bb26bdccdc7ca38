package fsatomic

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// The files fsatomic creates, writes, syncs and closes are handled by
// their descriptors, not as *os.File. os.OpenFile hands every file it
// opens to the runtime's poller, which refuses regular files and
// directories: for each, two fcntl(2) calls to make it non-blocking, an
// epoll_ctl(2) that fails, and two fcntl(2) calls to undo it, five calls
// for nothing around the one open. For a file that is written once and
// synced that is more than half its system calls (strace -c of a watch
// run: 9 calls a staged file before, 4 after). The errors are the ones
// os would return (*fs.PathError with the same Op), so that messages do
// not change.

// openFD opens path as open(2) does, close-on-exec, retrying when a signal
// interrupts it.
func openFD(path string, flag int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(path, flag|syscall.O_CLOEXEC, perm)
		if err == nil {
			return fd, nil
		}
		if !errors.Is(err, syscall.EINTR) {
			return -1, &fs.PathError{Op: "open", Path: path, Err: err}
		}
	}
}

// writeFD writes all of data to fd, as os.File.Write does: in as many
// write(2) calls as the kernel takes (one, for the files written here).
func writeFD(fd int, path string, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data[:min(len(data), maxWrite)])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "write", Path: path, Err: err}
		}
		if n == 0 {
			return &fs.PathError{Op: "write", Path: path, Err: io.ErrUnexpectedEOF}
		}
		data = data[n:]
	}
	return nil
}

// maxWrite is the most one write(2) is given, as os's: Linux writes at
// most about 2 GB at once.
const maxWrite = 1 << 30

// syncFD is fsync(2), retried when a signal interrupts it.
func syncFD(fd int, path string) error {
	for {
		err := syscall.Fsync(fd)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EINTR) {
			return &fs.PathError{Op: "sync", Path: path, Err: err}
		}
	}
}

// chmodFD is fchmod(2), retried when a signal interrupts it.
func chmodFD(fd int, path string, perm fs.FileMode) error {
	for {
		err := syscall.Fchmod(fd, syscallMode(perm))
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EINTR) {
			return &fs.PathError{Op: "chmod", Path: path, Err: err}
		}
	}
}

// syscallMode is os's translation of a FileMode to the mode bits of
// chmod(2).
func syscallMode(perm fs.FileMode) uint32 {
	m := uint32(perm.Perm())
	if perm&fs.ModeSetuid != 0 {
		m |= syscall.S_ISUID
	}
	if perm&fs.ModeSetgid != 0 {
		m |= syscall.S_ISGID
	}
	if perm&fs.ModeSticky != 0 {
		m |= syscall.S_ISVTX
	}
	return m
}

// closeFD is close(2). It is not retried: after EINTR the descriptor is
// gone all the same on Linux.
func closeFD(fd int, path string) error {
	if err := syscall.Close(fd); err != nil && !errors.Is(err, syscall.EINTR) {
		return &fs.PathError{Op: "close", Path: path, Err: err}
	}
	return nil
}

// renameFile is rename(2), for a file renamed over a file. os.Rename
// first lstats the new name, to refuse to replace a directory; a file
// cannot replace one anyway (EISDIR).
func renameFile(oldname, newname string) error {
	for {
		err := syscall.Rename(oldname, newname)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EINTR) {
			return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: err}
		}
	}
}
