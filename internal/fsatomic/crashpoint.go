package fsatomic

// crashPoints, when set, is called at each step of ReplaceDir at which a
// process could die, with the step's name. It is nil in every program; the
// package's tests set it in a child process to stop there and be killed,
// so that every step of ReplaceDir is proven to survive a kill.
var crashPoints func(step string)

func crashPoint(step string) {
	if crashPoints != nil {
		crashPoints(step)
	}
}

// syncs, when set, is called before every sync of a tree's file or of a
// directory; the package's tests count them. It is nil in every program.
var syncs func()

func syncHook() {
	if syncs != nil {
		syncs()
	}
}
