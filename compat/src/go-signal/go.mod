module xabi.compat/go-signal

go 1.19
