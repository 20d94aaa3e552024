package site

// Paths that agree on everything a rule reads (what happened since the
// attempt, the way control went) are merged where they join, so that
// statements that touch nothing the outcome depends on (logging, metrics,
// hooks behind `if verbose`) do not multiply paths.

// mergeStates merges the states of paths that continue normally after a
// statement: states with the same effects become one, their locals joined.
func mergeStates(list []*state) []*state {
	if len(list) < 2 {
		return list
	}
	var out []*state
	for _, s := range list {
		merged := false
		for _, o := range out {
			if sameEffects(o, s) {
				o.join(s)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, s)
		}
	}
	return out
}

// sameEffects reports whether two states have seen the same attempt,
// waits, refreshes and reads: merging them changes no path's outcome
// record.
func sameEffects(a, b *state) bool {
	if a.attempted != b.attempted || a.last != b.last || a.refreshed != b.refreshed || a.authSet != b.authSet ||
		a.newSession != b.newSession || a.terminated != b.terminated || a.keyChanged != b.keyChanged || a.named != b.named ||
		a.readCode != b.readCode || a.readStatus != b.readStatus || a.halt != b.halt || a.cause != b.cause ||
		len(a.waits) != len(b.waits) {
		return false
	}
	for i := range a.waits {
		if a.waits[i] != b.waits[i] {
			return false
		}
	}
	return true
}

// join makes s hold what both s and o know: a local with the same value on
// both stays known; one that differs becomes unknown (tainted if either
// was); a delay variable takes the combined growth of both.
func (s *state) join(o *state) {
	for k, v := range s.vals {
		w, ok := o.vals[k]
		switch {
		case ok && w == v:
		case v.tainted || ok && w.tainted:
			s.vals[k] = taintedUnknown()
		default:
			delete(s.vals, k)
		}
	}
	for k, w := range o.vals {
		if _, ok := s.vals[k]; !ok && w.tainted {
			s.vals[k] = taintedUnknown()
		}
	}
	for k, d := range s.delays {
		if e, ok := o.delays[k]; ok {
			s.delays[k] = combine(d, e)
		} else {
			delete(s.delays, k)
		}
	}
}
