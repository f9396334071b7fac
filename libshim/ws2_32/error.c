/* Winsock's error codes: host errno values mapped to the WSAE* codes Windows reports for the same
 * conditions, WSAGetLastError/WSASetLastError (the thread's last error, as on Windows), and the
 * report of what is not implemented. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "../../loader/status.h"
#include "ws2.h"

DWORD ws_error(int e)
{
	switch (e) {
	case EINTR: return WSAEINTR;
	case EBADF: return WSAENOTSOCK;
	case EACCES: case EPERM: return WSAEACCES;
	case EFAULT: return WSAEFAULT;
	case EINVAL: return WSAEINVAL;
	case EMFILE: case ENFILE: return WSAEMFILE;
	case EAGAIN: case EINPROGRESS: return WSAEWOULDBLOCK; /* a non-blocking connect too */
	case EALREADY: return WSAEALREADY;
	case ENOTSOCK: return WSAENOTSOCK;
	case EDESTADDRREQ: return WSAEDESTADDRREQ;
	case EMSGSIZE: return WSAEMSGSIZE;
	case EPROTOTYPE: return WSAEPROTOTYPE;
	case ENOPROTOOPT: return WSAENOPROTOOPT;
	case EPROTONOSUPPORT: return WSAEPROTONOSUPPORT;
	case ESOCKTNOSUPPORT: return WSAESOCKTNOSUPPORT;
	case EOPNOTSUPP: return WSAEOPNOTSUPP;
	case EPFNOSUPPORT: return WSAEPFNOSUPPORT;
	case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
	case EADDRINUSE: return WSAEADDRINUSE;
	case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
	case ENETDOWN: return WSAENETDOWN;
	case ENETUNREACH: return WSAENETUNREACH;
	case ENETRESET: return WSAENETRESET;
	case ECONNABORTED: return WSAECONNABORTED;
	case ECONNRESET: case EPIPE: return WSAECONNRESET; /* sends always use MSG_NOSIGNAL */
	case ENOBUFS: case ENOMEM: return WSAENOBUFS;
	case EISCONN: return WSAEISCONN;
	case ENOTCONN: return WSAENOTCONN;
	case ESHUTDOWN: return WSAESHUTDOWN;
	case ETIMEDOUT: return WSAETIMEDOUT;
	case ECONNREFUSED: return WSAECONNREFUSED;
	case ELOOP: return WSAELOOP;
	case ENAMETOOLONG: return WSAENAMETOOLONG;
	case EHOSTDOWN: return WSAEHOSTDOWN;
	case EHOSTUNREACH: return WSAEHOSTUNREACH;
	default: return WSAEINVAL;
	}
}

int ws_fail(DWORD err)
{
	win_set_last_error(err);
	return SOCKET_ERROR;
}

int ws_fail_errno(int e)
{
	return ws_fail(ws_error(e));
}

_Noreturn void ws_unimplemented(const char *what)
{
	fprintf(stderr, "xabi: ws2_32: %s is not implemented\n", what);
	exit(XABI_STATUS_MISSING_IMPORT);
}

WINAPI int ws2_32_WSAGetLastError(void)
{
	return (int)NtCurrentTeb()->LastErrorValue;
}

WINAPI void ws2_32_WSASetLastError(int e)
{
	win_set_last_error((DWORD)e);
}
