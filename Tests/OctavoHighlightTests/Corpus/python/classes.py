class Matrix:
    """A small dense matrix of floats."""

    def __init__(self, rows, cols, fill=0.0):
        self.rows, self.cols = rows, cols
        self._data = [[fill] * cols for _ in range(rows)]

    def __getitem__(self, index):
        r, c = index
        return self._data[r][c]

    def __setitem__(self, index, value):
        r, c = index
        self._data[r][c] = float(value)

    def __matmul__(self, other):
        if self.cols != other.rows:
            raise ValueError('shape mismatch')
        result = Matrix(self.rows, other.cols)
        for i in range(self.rows):
            for j in range(other.cols):
                result[i, j] = sum(self[i, k] * other[k, j] for k in range(self.cols))
        return result

    def __repr__(self):
        return f"Matrix({self.rows}x{self.cols})"

    @classmethod
    def identity(cls, n):
        m = cls(n, n)
        for i in range(n):
            m[i, i] = 1
        return m


m = Matrix.identity(3) @ Matrix(3, 2, fill=2.5)
print(m, m[0, 1], 1e-3, 10_000, True, None)
