module xabi.compat/go-goroutines

go 1.19
