package geometry

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Circle struct{ R float64 }
type Rect struct{ W, H float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }

func Describe(s Shape) string {
	switch v := s.(type) {
	case Circle:
		return fmt.Sprintf("circle r=%.1f area=%.2f", v.R, v.Area())
	case Rect:
		return fmt.Sprintf("rect %gx%g area=%.2f", v.W, v.H, v.Area())
	default:
		return "unknown shape"
	}
}

const epsilon = 1e-9

func Equal(a, b float64) bool { return math.Abs(a-b) < epsilon }
