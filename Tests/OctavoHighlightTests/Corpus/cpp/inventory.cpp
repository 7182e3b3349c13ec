#include <map>
#include <memory>
#include <string>
#include <vector>
#include <algorithm>

namespace harbour {

struct Crate {
    std::string label;
    int weight = 0;
};

class Inventory {
public:
    void add(std::unique_ptr<Crate> crate) {
        byLabel_[crate->label] = crate.get();
        crates_.push_back(std::move(crate));
    }

    [[nodiscard]] int totalWeight() const noexcept {
        int total = 0;
        for (const auto& c : crates_) total += c->weight;
        return total;
    }

    Crate* find(const std::string& label) {
        auto it = byLabel_.find(label);
        return it == byLabel_.end() ? nullptr : it->second;
    }

    void sortByWeight() {
        std::sort(crates_.begin(), crates_.end(),
                  [](const auto& a, const auto& b) { return a->weight < b->weight; });
    }

private:
    std::vector<std::unique_ptr<Crate>> crates_;
    std::map<std::string, Crate*> byLabel_;
};

}  // namespace harbour
