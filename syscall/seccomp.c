/* seccomp SECCOMP_RET_TRAP: a BPF filter that traps every system call whose instruction pointer is
 * outside xabi's text. */
#include <errno.h>
#include <stddef.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include "intercept.h"
#include "raw.h"
#include "runtime.h"

#define IP_LO offsetof(struct seccomp_data, instruction_pointer)
#define IP_HI (IP_LO + 4)

int seccomp_install(void)
{
	unsigned hi = (unsigned)(rt.text_start >> 32);
	if ((rt.text_end - 1) >> 32 != hi)
		return -ERANGE; /* the filter compares one high word: the text must not cross 4 GiB */
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_HI),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, hi, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_LO),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)rt.text_start, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)rt.text_end, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	struct sock_fprog prog = { .len = sizeof code / sizeof code[0], .filter = code };
	long r = raw3(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	if (r == -EACCES) {
		/* Without CAP_SYS_ADMIN the kernel demands no_new_privs (see the README). */
		raw5(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		r = raw3(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	}
	return (int)r;
}
