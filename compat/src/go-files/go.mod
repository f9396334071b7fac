module xabi.compat/go-files

go 1.19
