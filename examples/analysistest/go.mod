module example.com/mylinttests

go 1.26.0

require (
	github.com/retrylint/retrylint v0.0.0
	golang.org/x/tools v0.52.0
)

require (
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)

replace github.com/retrylint/retrylint => ../..
