#include <cstdio>
#include <stdexcept>
#include <utility>

// Closes the file when it goes out of scope.
class File {
public:
    explicit File(const char* path, const char* mode = "r")
        : handle_(std::fopen(path, mode)) {
        if (!handle_) throw std::runtime_error("cannot open file");
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    File(File&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    ~File() {
        if (handle_) std::fclose(handle_);
    }

    std::size_t read(char* buffer, std::size_t size) {
        return std::fread(buffer, 1, size, handle_);
    }

private:
    std::FILE* handle_;
};

int count_bytes(const char* path) {
    File f(path);
    char buf[512];
    int total = 0;
    while (auto n = f.read(buf, sizeof buf)) total += static_cast<int>(n);
    return total;
}
