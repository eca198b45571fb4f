package chanops

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestReceived(t *testing.T) {
	src := `package p
func f(ch chan int, out chan int) {
	<-ch
	v := <-ch
	v, ok := <-ch
	out <- v
	f(ch, out)
	w := v
	_, _, _ = v, ok, w
	select {
	case x := <-ch:
		_ = x
	case out <- 1:
	default:
	}
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	want := []bool{true, true, true, false, false, false, false}
	for i, w := range want {
		if got := Received(body[i]) != nil; got != w {
			t.Errorf("statement %d: Received = %v, want %v", i, got, w)
		}
	}
	sel := body[len(body)-1].(*ast.SelectStmt)
	var got []bool
	for _, cc := range sel.Body.List {
		got = append(got, Received(cc.(*ast.CommClause).Comm) != nil)
	}
	if len(got) != 3 || !got[0] || got[1] || got[2] {
		t.Errorf("select cases: Received = %v, want [true false false]", got)
	}
	if id, ok := Received(body[0]).(*ast.Ident); !ok || id.Name != "ch" {
		t.Errorf("Received(<-ch) = %v, want ch", Received(body[0]))
	}
}
