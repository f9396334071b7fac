module xabi.compat/go-hello

go 1.19
