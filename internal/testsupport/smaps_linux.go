package testsupport

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// Mapping is what /proc/self/smaps says of one mapping of the process.
type Mapping struct {
	Lo, Hi        uintptr
	Flags         []string // VmFlags: "hg" is huge-page advice
	AnonHugePages int      // kB of it on transparent huge pages
}

// HasFlag reports whether the mapping's VmFlags include flag.
func (m Mapping) HasFlag(flag string) bool {
	for _, f := range m.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// MappingAt returns the mapping that holds addr. It skips the test where
// /proc/self/smaps cannot be read and fails it when no mapping holds addr.
func MappingAt(t testing.TB, addr uintptr) Mapping {
	t.Helper()
	if m, ok := ReadMappings(t).At(addr); ok {
		return m
	}
	t.Fatalf("no mapping holds %#x", addr)
	return Mapping{}
}

// Mappings are the process's mappings, in address order.
type Mappings []Mapping

// At returns the mapping that holds addr.
func (ms Mappings) At(addr uintptr) (Mapping, bool) {
	for _, m := range ms {
		if m.Lo <= addr && addr < m.Hi {
			return m, true
		}
	}
	return Mapping{}, false
}

// ReadMappings reads /proc/self/smaps; it skips the test where that
// cannot be read.
func ReadMappings(t testing.TB) Mappings {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var ms Mappings
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			ms = append(ms, Mapping{Lo: lo, Hi: hi})
			continue
		}
		if len(ms) == 0 {
			continue
		}
		m := &ms[len(ms)-1]
		switch key, value, _ := strings.Cut(line, ":"); key {
		case "AnonHugePages":
			m.AnonHugePages, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(value), " kB"))
		case "VmFlags":
			m.Flags = strings.Fields(value)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading /proc/self/smaps: %v", err)
	}
	return ms
}

// mappingRange parses the "lo-hi" that starts a mapping's block.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	span, _, found := strings.Cut(line, " ")
	if !found {
		return 0, 0, false
	}
	l, h, found := strings.Cut(span, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}

// Addr is the address of b's first byte.
func Addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// RequireTHP skips the test where transparent huge pages are off.
func RequireTHP(t testing.TB) {
	t.Helper()
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skip("transparent huge pages are off on this machine")
	}
}
