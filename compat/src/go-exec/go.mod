module xabi.compat/go-exec

go 1.19
