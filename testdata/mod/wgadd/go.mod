module example.com/wgaddgo

go 1.25
