module xabi.tests/go-net

go 1.19
