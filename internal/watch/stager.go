package watch

import (
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// A stager writes a cycle's output groups below root, each beside where it
// goes (see fsatomic.StageDir) as soon as it is rendered, so that the
// disk's syncs overlap the rendering of the groups still to come; commit
// then moves them all in, in the order outputs promise, and abort throws
// them away. With no root it writes nothing.
//
// Staging holds the lock of each directory replaced whole until commit or
// abort: one cycle at a time per work directory (cmd/watch's lock) keeps
// two cycles from waiting on each other's.
type stager struct {
	root string
	wg   sync.WaitGroup
	mu   sync.Mutex
	done map[string]staging // by the group's first file (a file is in one group only)
}

// staging is a group written beside where it goes, or the error that
// stopped it.
type staging struct {
	staged *fsatomic.Staged
	err    error
}

func newStager(root string) *stager {
	return &stager{root: root, done: map[string]staging{}}
}

// stage starts writing g beside where it goes; it returns at once.
func (s *stager) stage(g outputGroup) {
	if s.root == "" || len(g.files) == 0 {
		return
	}
	s.wg.Go(func() {
		st, err := g.stage(s.root)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.done[groupKey(g)] = staging{st, err}
	})
}

// groupKey identifies a group among a cycle's outputs.
func groupKey(g outputGroup) string { return slices.Min(slices.Collect(maps.Keys(g.files))) }

// commit moves outs in: every group is written and synced beside where it
// goes (those not staged yet now, side by side), then all but the last are
// moved in, and the last (the snapshot, when the schema changed) only once
// they all are, which is all the order outputs need: the syncs overlap, and
// only the renames wait on each other. When one fails, the first failure
// in order is returned, what was staged and not moved in is removed, and
// the last group is not moved in.
func (s *stager) commit(outs outputs) error {
	if s.root == "" || len(outs) == 0 {
		s.abort()
		return nil
	}
	s.wg.Wait()
	var missing []outputGroup
	for _, g := range outs {
		if _, ok := s.done[groupKey(g)]; !ok {
			missing = append(missing, g)
		}
	}
	for _, g := range missing {
		s.stage(g)
	}
	s.wg.Wait()
	staged := make([]*fsatomic.Staged, 0, len(outs))
	for _, g := range outs {
		if len(g.files) == 0 {
			continue
		}
		st := s.done[groupKey(g)]
		if st.err != nil {
			s.abort()
			return st.err
		}
		staged = append(staged, st.staged)
	}
	if len(staged) == 0 {
		return nil
	}
	rest, last := staged[:len(staged)-1], staged[len(staged)-1]
	if err := fsatomic.All(rest...).Commit(); err != nil {
		last.Abort()
		return err
	}
	return last.Commit()
}

// abort removes whatever was staged and not moved in, once the writing
// under way is done.
func (s *stager) abort() {
	s.wg.Wait()
	for _, st := range s.done {
		if st.staged != nil {
			st.staged.Abort()
		}
	}
}

// stage writes and syncs the group's files beside where they go (see
// fsatomic.StageDir): a snapshot or Go package as a whole new directory,
// the others file by file, side by side (fsatomic.StageFiles). On failure
// nothing is left staged.
func (g outputGroup) stage(root string) (*fsatomic.Staged, error) {
	if g.wholeDir {
		rel := map[string][]byte{}
		for p, data := range g.files {
			rel[strings.TrimPrefix(p, path.Clean(g.dir)+"/")] = data
		}
		return fsatomic.StageDir(filepath.Join(root, filepath.FromSlash(g.dir)), rel)
	}
	abs := make(map[string][]byte, len(g.files))
	for p, data := range g.files {
		abs[filepath.Join(root, filepath.FromSlash(p))] = data
	}
	return fsatomic.StageFiles(abs, 0o644)
}
