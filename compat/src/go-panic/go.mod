module xabi.compat/go-panic

go 1.19
