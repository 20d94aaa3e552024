module example.com/golangci

go 1.26.0
