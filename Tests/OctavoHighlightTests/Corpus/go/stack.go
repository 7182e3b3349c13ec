package stack

import "errors"

var ErrEmpty = errors.New("stack: empty")

// Stack is a LIFO stack of any comparable type.
type Stack[T comparable] struct {
	items []T
}

func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v)
}

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, ErrEmpty
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s *Stack[T]) Contains(v T) bool {
	for _, item := range s.items {
		if item == v {
			return true
		}
	}
	return false
}

func (s *Stack[T]) Len() int { return len(s.items) }
