/* "xabi info FILE" and "xabi syscalls ABI". */
#ifndef XABI_INFO_H
#define XABI_INFO_H

int info_main(const char *path);
int syscalls_main(const char *abi);

#endif
