package ctxapi

import "go/types"

// ByName exposes the name rule alone, without the table, to the tests.
func ByName(fn *types.Func) *types.Func {
	sig := fn.Type().(*types.Signature)
	for _, suffix := range []string{"Context", "WithContext"} {
		if v := variantByName(fn, sig, fn.Name()+suffix); v != nil {
			return v
		}
	}
	return nil
}
