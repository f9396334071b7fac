/* Mapping an x86-64 ELF executable or interpreter into memory, with full header validation. */
#ifndef XABI_ELF_LOAD_H
#define XABI_ELF_LOAD_H

#include <stdint.h>

struct elf_image {
	uintptr_t bias;  /* load address minus link address (0 for ET_EXEC) */
	uintptr_t entry;
	uintptr_t phdr;  /* where the program headers are in memory (AT_PHDR) */
	unsigned phnum;
	uintptr_t end;   /* end of the highest segment: the program break starts here */
	char interp[4096]; /* PT_INTERP, or "" */
};

/* 0, or an exit status from status.h with *why set to the reason. */
int elf_load(int fd, const char *name, struct elf_image *img, const char **why);

#endif
