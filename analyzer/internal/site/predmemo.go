package site

import "go/types"

// A nested predicate run (isRetryable calling isRetryableStatus) gives the
// same answer for the same function, bindings and attempt kind under every
// failure scenario when it never reads its scenario, and whatever the
// enclosing runs are when it meets none of the recursion guards. Such
// answers are kept, so a helper that many scenarios and call sites reach
// (an assertion library's Fail, say) is run once.

// maxMemoArgs is the most arguments a kept answer's key holds.
const maxMemoArgs = 4

// predMemoKey is what a nested predicate run's answer can depend on
// besides its scenario: the function, the attempt kind, the bound
// receiver and arguments, and the scenario's classes that are read
// without being counted (the success scenario and the transport error,
// which the message rule asks).
type predMemoKey struct {
	fn                 *types.Func
	kind               attemptKind
	success, transport bool
	hasRecv            bool
	recv               value
	nargs              int
	args               [maxMemoArgs]value
}

// predMemoKeyOf returns the key of a nested run, and false when its
// arguments are too many to keep.
func (in *interp) predMemoKeyOf(fn *types.Func, recv *value, args []value) (predMemoKey, bool) {
	if len(args) > maxMemoArgs {
		return predMemoKey{}, false
	}
	k := predMemoKey{
		fn: fn, kind: in.r.kind,
		success: in.scen.Success, transport: in.scen.Transport,
		nargs: len(args),
	}
	copy(k.args[:], args)
	if recv != nil {
		k.hasRecv, k.recv = true, *recv
	}
	return k, true
}

// runNestedPredicate runs a predicate of this package for a call, or
// returns the kept answer of an earlier run that did not depend on its
// scenario or on the runs around it.
func (in *interp) runNestedPredicate(fn *types.Func, recv *value, args []value) predResult {
	c := in.c
	key, keep := in.predMemoKeyOf(fn, recv, args)
	if keep {
		if p, ok := c.predMemo[key]; ok {
			return p
		}
	}
	reads, guards := c.scenarioReads, c.guardHits
	c.predBusy[fn] = true
	// the nested run counts its own readings
	p := c.runPredicate(c.decls[fn], in.scen, in.r.kind, func(params []*types.Var, ps *state) {
		for i, v := range params {
			if v != nil && i < len(args) {
				ps.vals[v] = args[i]
			}
		}
		if recv != nil {
			ps.vals[recvKey] = *recv
		}
	})
	delete(c.predBusy, fn)
	if keep && c.scenarioReads == reads && c.guardHits == guards {
		c.predMemo[key] = p
	}
	return p
}
