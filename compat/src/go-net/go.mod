module xabi.compat/go-net

go 1.19
