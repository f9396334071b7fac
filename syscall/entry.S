/* Small assembly pieces of the trap path. */
	.text

/* long xabi_syscall_cp(volatile int *intr, long nr, long a..f)
 * A signal handler that interrupts xabi between xabi_cp_begin and xabi_cp_end (before the syscall
 * instruction has run, or when the kernel rewound the pc to restart it) moves the pc to
 * xabi_cp_cancel. See README.md, "Signals". */
	.globl xabi_syscall_cp, xabi_cp_begin, xabi_cp_end, xabi_cp_cancel
	.type xabi_syscall_cp,@function
xabi_syscall_cp:
	mov %rdi, %r11
	mov %rsi, %rax
	mov %rdx, %rdi
	mov %rcx, %rsi
	mov %r8, %rdx
	mov %r9, %r10
	mov 8(%rsp), %r8
	mov 16(%rsp), %r9
xabi_cp_begin:
	cmpl $0, (%r11)
	jne xabi_cp_cancel
	syscall
xabi_cp_end:
	ret
xabi_cp_cancel:
	mov $-512, %rax
	ret
	.size xabi_syscall_cp, .-xabi_syscall_cp

/* Return from every host signal handler: rt_sigreturn, issued from xabi's text so that neither
 * SUD nor the seccomp filter traps it. */
	.globl xabi_restorer
	.type xabi_restorer,@function
xabi_restorer:
	mov $15, %eax
	syscall
	hlt
	.size xabi_restorer, .-xabi_restorer

/* _Noreturn void xabi_sigreturn_to(void *uc): load a complete register state from a kernel-format
 * rt_sigframe whose ucontext is at uc (the kernel finds the frame at rsp - 8). Used to enter guest
 * code the first time and in new threads. */
	.globl xabi_sigreturn_to
	.type xabi_sigreturn_to,@function
xabi_sigreturn_to:
	mov %rdi, %rsp
	mov $15, %eax
	syscall
	hlt
	.size xabi_sigreturn_to, .-xabi_sigreturn_to

/* long xabi_clone(unsigned long flags, void *stack, int *ptid, int *ctid, unsigned long tls,
 *                 void (*fn)(void *), void *arg)
 * clone(2) whose child calls fn(arg) on stack (which must be 16-byte aligned) and never returns.
 * The parent gets the kernel's result. */
	.globl xabi_clone
	.type xabi_clone,@function
xabi_clone:
	mov 8(%rsp), %r11	/* arg */
	mov %rsi, %r10
	sub $16, %r10
	mov %r11, 8(%r10)	/* child pops these from its new stack */
	mov %r9, (%r10)	/* fn */
	mov %rdi, %rdi	/* flags */
	mov %r10, %rsi	/* child stack */
	mov %rcx, %r10	/* ctid */
	mov %r8, %r8	/* tls */
	mov $56, %eax
	syscall
	test %rax, %rax
	jnz 1f
	xor %ebp, %ebp
	pop %rax	/* fn */
	pop %rdi	/* arg */
	call *%rax
	hlt
1:	ret
	.size xabi_clone, .-xabi_clone

	.section .note.GNU-stack,"",@progbits
