module example.com/conclinte2e

go 1.26
