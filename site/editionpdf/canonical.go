package editionpdf

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// canonical rewrites the PDF pdfcpu wrote so that the same input gives the same bytes.
// pdfcpu's merge numbers the objects of each merged file in Go's random map order, its
// writer visits dictionaries in that order too, and it stamps the time of writing into the
// document information and the file ID. So the objects are numbered here in the order a
// depth-first walk from the catalog meets them (dictionary keys sorted), written in that
// order (objects nothing refers to are dropped), with an information dictionary of info
// dated day, and id as the file ID.
func canonical(pdf []byte, info map[string]string, day time.Time, id string) ([]byte, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), config())
	if err != nil {
		return nil, fmt.Errorf("edition pdf: read back: %w", err)
	}
	num := map[int]int{}
	var objs []types.Object
	var walk func(o types.Object) error
	walk = func(o types.Object) error {
		switch o := o.(type) {
		case types.IndirectRef:
			n := o.ObjectNumber.Value()
			if _, seen := num[n]; seen {
				return nil
			}
			e, ok := ctx.Table[n]
			if !ok || e == nil || e.Free || e.Object == nil {
				return fmt.Errorf("edition pdf: object %d is referred to but missing", n)
			}
			objs = append(objs, e.Object)
			num[n] = len(objs)
			return walk(e.Object)
		case types.Dict:
			return walkDict(o, walk)
		case types.StreamDict:
			o.Dict["Length"] = types.Integer(len(o.Raw)) // direct: no object of its own
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
	if err := walk(*ctx.Root); err != nil {
		return nil, err
	}
	infoDict := types.NewDict()
	for k, v := range info {
		s, err := types.EscapedUTF16String(v)
		if err != nil {
			return nil, fmt.Errorf("edition pdf: document information %s: %w", k, err)
		}
		infoDict[k] = types.StringLiteral(*s)
	}
	date := types.StringLiteral(types.DateString(day))
	infoDict["CreationDate"], infoDict["ModDate"] = date, date
	objs = append(objs, infoDict)

	var b bytes.Buffer
	b.WriteString("%PDF-" + ctx.XRefTable.Version().String() + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		switch o := patch(o, num).(type) {
		case types.StreamDict:
			b.WriteString(o.Dict.PDFString())
			b.WriteString("\nstream\n")
			b.Write(o.Raw)
			b.WriteString("\nendstream")
		default:
			b.WriteString(o.PDFString())
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</ID[<%s><%s>]/Info %d 0 R/Root %d 0 R/Size %d>>\nstartxref\n%d\n%%%%EOF\n",
		id, id, len(objs), num[ctx.Root.ObjectNumber.Value()], len(objs)+1, xref)
	return b.Bytes(), nil
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
		d := make(types.Dict, len(o))
		for k, v := range o {
			d[k] = patch(v, num)
		}
		return d
	case types.StreamDict:
		o.Dict = patch(o.Dict, num).(types.Dict)
		return o
	case types.Array:
		a := make(types.Array, len(o))
		for i, v := range o {
			a[i] = patch(v, num)
		}
		return a
	}
	return o
}
