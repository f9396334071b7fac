/* What ws2_32's files share: winsock's constants and layouts (winsock2.h, ws2def.h, ws2ipdef.h),
 * and the sockets themselves. A SOCKET is a kernel32 file handle (HANDLE_FILE with IO_SOCKET)
 * whose descriptor is a host socket, always O_NONBLOCK underneath: blocking calls wait in poll
 * on the caller's thread, overlapped ones that cannot finish at once wait in the async engine
 * (kernel32/async.h). */
#ifndef XABI_WS2_32_WS2_H
#define XABI_WS2_32_WS2_H

#include <sys/socket.h>
#include "../kernel32/handle.h"
#include "../kernel32/iocp.h"
#include "../kernel32/kernel32.h"
#include "../kernel32/object.h"

typedef ULONG_PTR SOCKET;
#define INVALID_SOCKET (~(SOCKET)0)
#define SOCKET_ERROR (-1)

/* Address families that differ from the host's. */
#define WS_AF_UNSPEC 0
#define WS_AF_UNIX 1
#define WS_AF_INET 2
#define WS_AF_INET6 23

/* Winsock's error codes (winerror.h). */
#define WSA_NOT_ENOUGH_MEMORY 8
#define WSAEINTR 10004
#define WSAEBADF 10009
#define WSAEACCES 10013
#define WSAEFAULT 10014
#define WSAEINVAL 10022
#define WSAEMFILE 10024
#define WSAEWOULDBLOCK 10035
#define WSAEINPROGRESS 10036
#define WSAEALREADY 10037
#define WSAENOTSOCK 10038
#define WSAEDESTADDRREQ 10039
#define WSAEMSGSIZE 10040
#define WSAEPROTOTYPE 10041
#define WSAENOPROTOOPT 10042
#define WSAEPROTONOSUPPORT 10043
#define WSAESOCKTNOSUPPORT 10044
#define WSAEOPNOTSUPP 10045
#define WSAEPFNOSUPPORT 10046
#define WSAEAFNOSUPPORT 10047
#define WSAEADDRINUSE 10048
#define WSAEADDRNOTAVAIL 10049
#define WSAENETDOWN 10050
#define WSAENETUNREACH 10051
#define WSAENETRESET 10052
#define WSAECONNABORTED 10053
#define WSAECONNRESET 10054
#define WSAENOBUFS 10055
#define WSAEISCONN 10056
#define WSAENOTCONN 10057
#define WSAESHUTDOWN 10058
#define WSAETIMEDOUT 10060
#define WSAECONNREFUSED 10061
#define WSAELOOP 10062
#define WSAENAMETOOLONG 10063
#define WSAEHOSTDOWN 10064
#define WSAEHOSTUNREACH 10065
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED 10093
#define WSATYPE_NOT_FOUND 10109
#define WSAHOST_NOT_FOUND 11001
#define WSATRY_AGAIN 11002
#define WSANO_RECOVERY 11003
#define WSANO_DATA 11004

/* send/recv flags (winsock2.h); MSG_WAITALL differs from the host's. */
#define WS_MSG_OOB 0x1
#define WS_MSG_PEEK 0x2
#define WS_MSG_DONTROUTE 0x4
#define WS_MSG_WAITALL 0x8

typedef struct {
	ULONG len;
	char *buf;
} WSABUF;

typedef struct {
	DWORD Data1;
	WORD Data2, Data3;
	BYTE Data4[8];
} GUID;

/* kernel32's exports ws2_32 calls. */
WINAPI BOOL kernel32_GetOverlappedResult(HANDLE h, OVERLAPPED *ov, DWORD *bytes, BOOL wait);

/* The WSAMSG forms (io.c), which programs find through WSAIoctl (ext.c). */
WINAPI int ws2_32_WSASendMsg(SOCKET s, void *msg, DWORD flags, DWORD *sent, OVERLAPPED *ov,
			     void *routine);
WINAPI int ws2_32_WSARecvMsg(SOCKET s, void *msg, DWORD *got, OVERLAPPED *ov, void *routine);
/* TransmitFile (transmit.c), also an extension. */
WINAPI BOOL ws2_32_TransmitFile(SOCKET s, HANDLE file, DWORD count, DWORD per_send,
				OVERLAPPED *ov, void *buffers, DWORD flags);

/* The host descriptor of socket s (its table entry in *o when o is given); -1 with last error
 * WSAENOTSOCK when s is not a socket. */
int ws_fd(SOCKET s, struct handle_obj *o);
/* A new socket handle for host socket fd (made O_NONBLOCK, close-on-exec); INVALID_SOCKET
 * (fd closed, last error set) when the table is full. */
SOCKET ws_new_socket(int fd);

/* The outcome of a connect that was in progress on fd: 0 or a winsock error (socket.c). */
DWORD ws_connect_result(int fd);

/* The winsock error for a host errno value (error.c). */
DWORD ws_error(int e);
/* Set the last error to err and return SOCKET_ERROR. */
int ws_fail(DWORD err);
/* The same for a host errno value. */
int ws_fail_errno(int e);
/* Report a winsock feature xabi does not implement and end the process (status 120). */
_Noreturn void ws_unimplemented(const char *what);

/* Address families and sockaddrs (sockaddr.c). Windows' sockaddr_in and sockaddr_in6 are the
 * host's but for the AF_INET6 value. */
int ws_family_to_host(int af);
int ws_family_from_host(int af);
/* A Windows sockaddr of len bytes as a host one; 0 or a winsock error. */
DWORD ws_addr_to_host(const void *win, int len, struct sockaddr_storage *out, socklen_t *outlen);
/* A host sockaddr into a Windows buffer of *len bytes (*len becomes its size); 0 or WSAEFAULT
 * when it does not fit. */
DWORD ws_addr_from_host(const struct sockaddr *a, socklen_t alen, void *win, int *len);

/* AF_UNIX names (unixaddr.c): a Windows SOCKADDR_UN of len bytes as a host one (its path through
 * kernel32/path.c); 0 or a winsock error. */
struct sockaddr_un;
DWORD ws_unix_to_host(const void *win, int len, struct sockaddr_un *out, socklen_t *outlen);
/* Remember that host name was bound from Windows name win (len bytes), to give it back so. */
void ws_unix_bound(const void *win, int len, const struct sockaddr_un *host);
/* A host AF_UNIX name in Windows form into a buffer of *len bytes; 0 or a winsock error. */
DWORD ws_unix_from_host(const struct sockaddr_un *a, socklen_t alen, void *win, int *len);

/* Wait until fd is ready for events (POLLIN/POLLOUT), up to the socket's receive or send timeout
 * (SO_RCVTIMEO/SO_SNDTIMEO, none: forever): a blocking call on a non-blocking host socket. 0, or
 * a winsock error (WSAETIMEDOUT). */
DWORD ws_wait(int fd, short events);

/* Run call(fd, arg), a host call returning -1 with errno on failure, on socket o: on a blocking
 * socket, EAGAIN waits (ws_wait for events) and calls again. Its result, or -1 with *err set to
 * the winsock error (WSAEWOULDBLOCK for a non-blocking socket that is not ready). */
ssize_t ws_blocking(const struct handle_obj *o, short events, ssize_t (*call)(int fd, void *arg),
		    void *arg, DWORD *err);

#endif
