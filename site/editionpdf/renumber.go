package editionpdf

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// canonical reads the PDF pdfcpu wrote and numbers its objects in a fixed order: pdfcpu's
// merge gives the objects of each merged file new numbers in Go's random map order, so the
// same pages merged twice differ in their numbering (not in content). Objects are numbered
// in the order a depth-first walk from the catalog and the information dictionary meets
// them, dictionary keys sorted; objects nothing refers to are dropped.
func canonical(pdf []byte) (*model.Context, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), config())
	if err != nil {
		return nil, fmt.Errorf("edition pdf: read back: %w", err)
	}
	old := ctx.Table
	num := map[int]int{}
	var order []int
	var walk func(o types.Object) error
	walk = func(o types.Object) error {
		switch o := o.(type) {
		case types.IndirectRef:
			n := o.ObjectNumber.Value()
			if _, seen := num[n]; seen {
				return nil
			}
			e, ok := old[n]
			if !ok || e == nil || e.Free {
				return fmt.Errorf("edition pdf: object %d is referred to but missing", n)
			}
			order = append(order, n)
			num[n] = len(order)
			return walk(e.Object)
		case types.Dict:
			return walkDict(o, walk)
		case types.StreamDict:
			return walkDict(o.Dict, walk)
		case types.Array:
			for _, v := range o {
				if err := walk(v); err != nil {
					return err
				}
			}
		}
		return nil
	}
	roots := []*types.IndirectRef{ctx.Root}
	if ctx.Info != nil {
		roots = append(roots, ctx.Info)
	}
	for _, r := range roots {
		if err := walk(*r); err != nil {
			return nil, err
		}
	}
	table := map[int]*model.XRefTableEntry{0: model.NewFreeHeadXRefTableEntry()}
	for _, n := range order {
		e := old[n]
		e.Object = patch(e.Object, num)
		e.Compressed, e.ObjectStream, e.ObjectStreamInd = false, nil, nil
		if sd, ok := e.Object.(types.StreamDict); ok && sd.StreamLengthObjNr != nil {
			if m, ok := num[*sd.StreamLengthObjNr]; ok {
				sd.StreamLengthObjNr = &m
				e.Object = sd
			}
		}
		table[num[n]] = e
	}
	ctx.Table = table
	size := len(order) + 1
	ctx.Size = &size
	for _, r := range roots {
		*r = *types.NewIndirectRef(num[r.ObjectNumber.Value()], 0)
	}
	ctx.RootDict = nil
	if ctx.RootDict, err = ctx.DereferenceDict(*ctx.Root); err != nil {
		return nil, fmt.Errorf("edition pdf: catalog: %w", err)
	}
	return ctx, nil
}

func walkDict(d types.Dict, walk func(types.Object) error) error {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := walk(d[k]); err != nil {
			return err
		}
	}
	return nil
}

// patch returns o with every indirect reference renumbered by num.
func patch(o types.Object, num map[int]int) types.Object {
	switch o := o.(type) {
	case types.IndirectRef:
		return *types.NewIndirectRef(num[o.ObjectNumber.Value()], 0)
	case types.Dict:
		for k, v := range o {
			o[k] = patch(v, num)
		}
		return o
	case types.StreamDict:
		o.Dict = patch(o.Dict, num).(types.Dict)
		return o
	case types.Array:
		for i, v := range o {
			o[i] = patch(v, num)
		}
		return o
	}
	return o
}
