package site

import "go/types"

// calleeFacts is what a function's identity alone says about a call of
// it: the name-based and table-based answers that every call of the
// function would otherwise work out again. Read once per function.
type calleeFacts struct {
	std bool // of the standard library
	// refreshByName: declared elsewhere and named as a refresh or login,
	// or a token source's method (see isRefreshCall)
	refreshByName bool
	// newSession, endSession: declared outside this package and the
	// standard library, and named as making or ending a session (see
	// sessionEffect)
	newSession, endSession bool
	builder                requestBuilder // the request builder it is, when isBuilder
	isBuilder              bool
	lib                    *libRetry // the retry library's retrying function it is, or nil
	fallible               bool      // it takes a function that returns an error
}

// callee returns the facts of a function, reading them on first use.
func (c *checker) callee(fn *types.Func) *calleeFacts {
	if f, ok := c.callees[fn]; ok {
		return f
	}
	f := &calleeFacts{}
	local := c.decls[fn] != nil
	if fn.Pkg() != nil {
		f.std = isStdPackage(fn.Pkg().Path())
		f.builder, f.isBuilder = builderOfFunc(fn)
		if i, ok := libRetryIndex[funcKey{fn.Pkg().Path(), fn.Name()}]; ok && recvNamed(fn) == "" {
			f.lib = &libRetries[i]
		}
	}
	f.fallible = takesFallible(fn)
	f.refreshByName = (!local && isRefreshName(fn.Name())) || isTokenSourceMethod(fn)
	if !local && !f.std {
		recv := ""
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
			recv = typeShort(fn)
		}
		f.newSession = sessionName(fn.Name(), recv, sessionWords)
		f.endSession = sessionName(fn.Name(), recv, terminateWords)
	}
	c.callees[fn] = f
	return f
}
