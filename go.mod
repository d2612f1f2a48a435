module github.com/bankbrief/bankbrief

go 1.26.8
