module xabi.tests/go-windows

go 1.19
