#include <iostream>
#include <string>
#include <variant>
#include <vector>

using Value = std::variant<int, double, std::string>;

struct Printer {
    void operator()(int i) const { std::cout << "int " << i << "\n"; }
    void operator()(double d) const { std::cout << "double " << d << "\n"; }
    void operator()(const std::string& s) const { std::cout << "string \"" << s << "\"\n"; }
};

template <class... Ts>
struct overloaded : Ts... { using Ts::operator()...; };

int main() {
    std::vector<Value> values{42, 3.14, std::string{"quay"}};
    for (const auto& v : values) std::visit(Printer{}, v);

    auto describe = [](const Value& v) {
        return std::visit(overloaded{
            [](int) { return "an integer"; },
            [](double) { return "a real"; },
            [](const std::string&) { return "text"; },
        }, v);
    };
    std::cout << describe(values[1]) << std::endl;
    return 0;
}
