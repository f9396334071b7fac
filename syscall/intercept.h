/* The interception back ends: make every system call of guest code raise SIGSYS. */
#ifndef XABI_INTERCEPT_H
#define XABI_INTERCEPT_H

/* For the calling thread only (SUD is per task and is not inherited). 0 or -errno. */
int sud_arm(void);
/* For the whole process and everything it starts (seccomp filters are inherited). 0 or -errno. */
int seccomp_install(void);
/* Arm the calling task for the configured mode: what a new thread or forked child must do
 * before it runs guest code. */
int intercept_arm_task(void);

#endif
