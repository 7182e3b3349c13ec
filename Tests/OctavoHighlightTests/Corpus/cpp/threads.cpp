#include <atomic>
#include <chrono>
#include <mutex>
#include <queue>
#include <thread>
#include <condition_variable>

template <typename T>
class BlockingQueue {
public:
    void push(T value) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push(std::move(value));
        }
        ready_.notify_one();
    }

    T pop() {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty(); });
        T value = std::move(queue_.front());
        queue_.pop();
        return value;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::queue<T> queue_;
};

int main() {
    BlockingQueue<int> q;
    std::atomic<long> sum{0};
    std::thread consumer([&] {
        for (int i = 0; i < 100; ++i) sum += q.pop();
    });
    for (int i = 0; i < 100; ++i) q.push(i * 2);
    consumer.join();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return sum == 9900 ? 0 : 1;
}
