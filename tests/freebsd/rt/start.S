/* Entry and the raw system call for FreeBSD/amd64 test programs. FreeBSD's exec_setregs
 * (sys/amd64/amd64/exec_machdep.c) starts a program with %rdi pointing at argc (argv, a NULL,
 * envp, a NULL and the auxiliary vector follow), %rsp = ((%rdi - 8) & ~15) + 8, and every other
 * register zero. A system call takes its number in %rax and arguments in %rdi %rsi %rdx %r10 %r8
 * %r9; it answers in %rax, with the carry flag set and a positive errno on failure. */

	.text
	.globl _start
_start:
	/* Keep every register as it arrived (struct fb_regs order) before touching any. */
	mov %rax, fb_entry_regs+0(%rip)
	mov %rbx, fb_entry_regs+8(%rip)
	mov %rcx, fb_entry_regs+16(%rip)
	mov %rdx, fb_entry_regs+24(%rip)
	mov %rsi, fb_entry_regs+32(%rip)
	mov %rdi, fb_entry_regs+40(%rip)
	mov %rbp, fb_entry_regs+48(%rip)
	mov %r8, fb_entry_regs+56(%rip)
	mov %r9, fb_entry_regs+64(%rip)
	mov %r10, fb_entry_regs+72(%rip)
	mov %r11, fb_entry_regs+80(%rip)
	mov %r12, fb_entry_regs+88(%rip)
	mov %r13, fb_entry_regs+96(%rip)
	mov %r14, fb_entry_regs+104(%rip)
	mov %r15, fb_entry_regs+112(%rip)
	pushfq
	popq fb_entry_regs+120(%rip)
	mov %rsp, fb_entry_rsp(%rip)
	cld
	xor %ebp, %ebp
	and $-16, %rsp
	call fb_start_c /* (uint64_t *argcp) in %rdi */
	ud2

/* long fb_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6) */
	.globl fb_syscall
fb_syscall:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
	mov 8(%rsp), %r9
	syscall
	.globl fb_syscall_ret
fb_syscall_ret:
	jnc 1f
	neg %rax
1:	ret

/* void fb_regs_syscall(struct fb_regs *r): load every register and rflags from *r, run one
 * `syscall`, store them all back. */
	.globl fb_regs_syscall
fb_regs_syscall:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi
	pushq 120(%rdi)
	popfq
	mov 0(%rdi), %rax
	mov 8(%rdi), %rbx
	mov 16(%rdi), %rcx
	mov 24(%rdi), %rdx
	mov 32(%rdi), %rsi
	mov 48(%rdi), %rbp
	mov 56(%rdi), %r8
	mov 64(%rdi), %r9
	mov 72(%rdi), %r10
	mov 80(%rdi), %r11
	mov 88(%rdi), %r12
	mov 96(%rdi), %r13
	mov 104(%rdi), %r14
	mov 112(%rdi), %r15
	mov 40(%rdi), %rdi
	syscall
	pushfq
	push %rdi
	mov 16(%rsp), %rdi
	popq 40(%rdi)
	popq 120(%rdi)
	cld
	mov %rax, 0(%rdi)
	mov %rbx, 8(%rdi)
	mov %rcx, 16(%rdi)
	mov %rdx, 24(%rdi)
	mov %rsi, 32(%rdi)
	mov %rbp, 48(%rdi)
	mov %r8, 56(%rdi)
	mov %r9, 64(%rdi)
	mov %r10, 72(%rdi)
	mov %r11, 80(%rdi)
	mov %r12, 88(%rdi)
	mov %r13, 96(%rdi)
	mov %r14, 104(%rdi)
	mov %r15, 112(%rdi)
	pop %rdi
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret

	.bss
	.balign 16
	.globl fb_entry_regs, fb_entry_rsp
fb_entry_regs:
	.zero 128
fb_entry_rsp:
	.zero 8

	.section .note.GNU-stack, "", @progbits
