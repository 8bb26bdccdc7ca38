package main

import "time"

// workdirLockWait is how long a run waits for another run on the same
// work directory before giving up: long enough to ride out a run that is
// finishing, short enough that a scheduled job does not pile up.
var workdirLockWait = 10 * time.Second
