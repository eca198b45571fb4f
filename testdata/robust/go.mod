module robust

go 1.26
