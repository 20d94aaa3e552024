package site

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
)

// An error type's integer field need not be named for the status
// (StatusCode, Status, HTTPStatus...) to carry it: clients write
// &APIError{Code: resp.StatusCode} or e.Code = resp.StatusCode. A field
// its package sets from a response's StatusCode is read as the status,
// as a field of a status name is; other packages learn it from a
// StatusField fact.

// StatusField is the fact for an integer field that its package sets
// from an HTTP response's StatusCode.
type StatusField struct{}

// AFact marks StatusField as an analysis fact.
func (*StatusField) AFact() {}

func (*StatusField) String() string { return "status field" }

// statusFieldVars returns the integer fields of this package's types that
// its code sets from a response's StatusCode and whose names the policy
// does not already read as the status, found from the StatusCode reads
// the walk over the package recorded.
func (c *checker) statusFieldVars() map[*types.Var]bool {
	if c.statusFields != nil {
		return c.statusFields
	}
	out := map[*types.Var]bool{}
	c.statusFields = out
	for _, i := range c.scanned().statusReads {
		cur := c.insp.At(i)
		sel := cur.Node().(*ast.SelectorExpr)
		if !isResponseType(c.typeOf(sel.X)) {
			continue
		}
		var field types.Object
		switch cur.ParentEdgeKind() {
		case edge.KeyValueExpr_Value: // &APIError{Code: resp.StatusCode}
			kv := cur.Parent().Node().(*ast.KeyValueExpr)
			if id, ok := kv.Key.(*ast.Ident); ok {
				field = c.info.Uses[id]
			}
		case edge.AssignStmt_Rhs: // e.Code = resp.StatusCode
			as := cur.Parent().Node().(*ast.AssignStmt)
			if len(as.Lhs) == len(as.Rhs) {
				_, idx := cur.ParentEdge()
				if idx >= 0 && idx < len(as.Lhs) {
					if l, ok := ast.Unparen(as.Lhs[idx]).(*ast.SelectorExpr); ok {
						field = c.objOf(l)
					}
				}
			}
		}
		// a field of a status name is read as the status already
		if v, ok := field.(*types.Var); ok && v.IsField() && v.Pkg() == c.pass.Pkg && isInteger(v.Type()) && !c.pol.IsStatusField(v.Name()) {
			out[v] = true
		}
	}
	return out
}

// setFromStatus reports whether a field is set from a response's
// StatusCode: by this package's code, or by another package's (its
// StatusField fact).
func (c *checker) setFromStatus(v *types.Var) bool {
	if v.Pkg() == nil || isStdPackage(v.Pkg().Path()) || !isInteger(v.Type()) {
		return false
	}
	if v.Pkg() == c.pass.Pkg {
		return c.statusFieldVars()[v]
	}
	var f StatusField
	return c.pass.ImportObjectFact(v, &f)
}

// exportStatusFields exports the status fields of this package's exported
// fields.
func (c *checker) exportStatusFields() {
	for v := range c.statusFieldVars() {
		if v.Exported() {
			c.pass.ExportObjectFact(v, &StatusField{})
		}
	}
}
