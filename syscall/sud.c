/* Syscall User Dispatch: every system call outside xabi's text raises SIGSYS. */
#include <sys/prctl.h>
#include "intercept.h"
#include "raw.h"
#include "runtime.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_ON 1
#endif

int sud_arm(void)
{
	/* No selector: dispatch is always on, and only xabi's own text may make system calls. */
	return (int)raw5(SYS_prctl, PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, rt.text_start,
			 rt.text_end - rt.text_start, 0);
}

int intercept_arm_task(void)
{
	return rt.mode == INTERCEPT_SUD ? sud_arm() : 0;
}
