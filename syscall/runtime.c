#include "runtime.h"

struct runtime rt = { .trace_fd = -1 };
