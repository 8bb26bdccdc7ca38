#include "textflag.h"

// func bigFrame() uintptr
//
// The frame is Command - 1 MiB = 66060288 bytes (a number: go vet does
// not read a macro there): the prologue has the runtime grow the stack to
// hold it, and nothing here touches it. TestMapFreeCollectsNoGarbage
// checks the size.
TEXT ·bigFrame(SB), 0, $66060288-8
	MOVQ SP, AX
	MOVQ AX, ret+0(FP)
	RET
