/* Guest-memory access that survives faults. Every instruction that may fault lies between
 * xabi_safe_begin and xabi_safe_end; the fault handler resumes at xabi_safe_fixup, which returns
 * -EFAULT from whichever of these leaf functions was running. */
	.text
	.globl xabi_copy_safe, xabi_strnlen_safe, xabi_safe_begin, xabi_safe_end, xabi_safe_fixup

	.type xabi_copy_safe,@function
xabi_copy_safe:
	mov %rdx, %rcx
xabi_safe_begin:
	rep movsb
	xor %eax, %eax
	ret
	.size xabi_copy_safe, .-xabi_copy_safe

	.type xabi_strnlen_safe,@function
xabi_strnlen_safe:
	xor %eax, %eax
1:	cmp %rsi, %rax
	jae 2f
	cmpb $0, (%rdi,%rax)
	je 2f
	inc %rax
	jmp 1b
2:	ret
	.size xabi_strnlen_safe, .-xabi_strnlen_safe
xabi_safe_end:

xabi_safe_fixup:
	mov $-14, %rax
	ret

	.section .note.GNU-stack,"",@progbits
