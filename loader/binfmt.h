/* "xabi binfmt register|unregister|status": xabi as the kernel's interpreter for foreign programs. */
#ifndef XABI_BINFMT_H
#define XABI_BINFMT_H

/* argv after "binfmt": the action and its options. Returns the exit status. */
int binfmt_main(int argc, char **argv);

#endif
