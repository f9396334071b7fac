module xabi.compat/go-gc

go 1.19
