package site

import (
	"go/types"
	"slices"
	"strings"
)

// The analysis framework passes a fact about a method on through every
// package that imports the method's package, directly or not: each of them
// decodes it, looks its object up and encodes it again. An SDK has hundreds
// of methods that send requests, so their summaries travel as one fact per
// type, not one per method; importers then pay for a few dozen facts where
// they would pay for a thousand.

// MethodSummaries is the fact for a named type of this package with
// exported methods that take part in retries: their summaries, by name.
type MethodSummaries struct {
	Names     []string // sorted
	Summaries []FuncSummary
}

// AFact marks MethodSummaries as an analysis fact.
func (*MethodSummaries) AFact() {}

func (m *MethodSummaries) String() string {
	parts := make([]string, len(m.Names))
	for i, name := range m.Names {
		parts[i] = name + ": " + m.Summaries[i].String()
	}
	return strings.Join(parts, "; ")
}

// of returns the summary of the method of that name, or nil.
func (m *MethodSummaries) of(name string) *FuncSummary {
	if i, ok := slices.BinarySearch(m.Names, name); ok {
		return &m.Summaries[i]
	}
	return nil
}

// methodSummaries collects the summaries of a package's methods by type
// for export.
type methodSummaries map[*types.TypeName]*MethodSummaries

// add records the summary of a method declared on tn.
func (ms methodSummaries) add(tn *types.TypeName, name string, s *FuncSummary) {
	m := ms[tn]
	if m == nil {
		m = &MethodSummaries{}
		ms[tn] = m
	}
	i, _ := slices.BinarySearch(m.Names, name)
	m.Names = slices.Insert(m.Names, i, name)
	m.Summaries = slices.Insert(m.Summaries, i, *s)
}

// receiverName is the type a method is declared on (the generic type for
// a method of an instance), or nil for a function or an interface's method.
func receiverName(fn *types.Func) *types.TypeName {
	recv := fn.Signature().Recv()
	if recv == nil || isInterfaceMethod(fn) {
		return nil
	}
	return namedOf(recv.Type())
}

// importedSummary is the fact of a function or method of another package,
// or nil.
func (c *checker) importedSummary(fn *types.Func) *FuncSummary {
	tn := receiverName(fn)
	if tn == nil {
		if fn.Signature().Recv() != nil {
			return nil // an interface's method: nothing to see into
		}
		var s FuncSummary
		if !c.pass.ImportObjectFact(fn, &s) {
			return nil
		}
		return &s
	}
	m, ok := c.methodFacts[tn]
	if !ok {
		m = new(MethodSummaries)
		if !c.pass.ImportObjectFact(tn, m) {
			m = nil
		}
		if c.methodFacts == nil {
			c.methodFacts = map[*types.TypeName]*MethodSummaries{}
		}
		c.methodFacts[tn] = m
	}
	if m == nil {
		return nil
	}
	return m.of(fn.Name())
}
