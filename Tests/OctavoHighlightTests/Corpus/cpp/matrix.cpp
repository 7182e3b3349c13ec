#include <array>
#include <cstddef>
#include <iostream>

template <typename T, std::size_t N>
class Matrix {
public:
    constexpr Matrix() = default;

    T& operator()(std::size_t row, std::size_t col) { return cells_[row * N + col]; }
    const T& operator()(std::size_t row, std::size_t col) const { return cells_[row * N + col]; }

    Matrix operator*(const Matrix& other) const {
        Matrix result;
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < N; ++j) {
                T sum{};
                for (std::size_t k = 0; k < N; ++k)
                    sum += (*this)(i, k) * other(k, j);
                result(i, j) = sum;
            }
        return result;
    }

private:
    std::array<T, N * N> cells_{};
};

int main() {
    Matrix<double, 2> m;
    m(0, 0) = 1.5; m(1, 1) = 2.0;
    auto p = m * m;
    std::cout << p(0, 0) << ' ' << p(1, 1) << '\n';
}
