type Shape =
  | { kind: 'circle'; radius: number }
  | { kind: 'rect'; width: number; height: number };

function area(shape: Shape): number {
  switch (shape.kind) {
    case 'circle':
      return Math.PI * shape.radius ** 2;
    case 'rect':
      return shape.width * shape.height;
  }
}

type Readonly2<T> = { readonly [K in keyof T]: T[K] };
type Keys = keyof Shape;

function isCircle(shape: Shape): shape is Extract<Shape, { kind: 'circle' }> {
  return shape.kind === 'circle';
}

const shapes: Shape[] = [
  { kind: 'circle', radius: 1.5 },
  { kind: 'rect', width: 2, height: 3 },
];
const total = shapes.map(area).reduce((a, b) => a + b, 0);
console.log(total.toFixed(2), shapes.filter(isCircle).length);
