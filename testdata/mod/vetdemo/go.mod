module vetdemo

go 1.26.0
