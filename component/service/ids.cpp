#include "component/service/ids.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "core/text/base64url.hpp"

namespace cardex::component {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The URL-safe Base64 alphabet in byte order, so that a prefix written with it sorts like the
// number it encodes.
constexpr std::string_view kSortedAlphabet =
    "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kTimePrefixLength = 11;  // 64 bits, 6 per character

std::uint64_t next_stamp() {
    static std::atomic<std::uint64_t> last{0};
    const auto now =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    std::uint64_t previous = last.load();
    std::uint64_t next = 0;
    do {
        next = std::max(now, previous + 1);
    } while (!last.compare_exchange_weak(previous, next));
    return next;
}

// Random bytes from the system's generator (RAND_bytes), drawn a page at a time: a call costs
// about as much for 16 bytes as for 4,096, and every card takes two or three ids. Each thread
// has its own page. The bytes are the generator's, only handed out in smaller pieces; cardexd
// never forks, so no two processes hold the same page.
class RandomPool {
  public:
    void take(unsigned char* out, std::size_t bytes) {
        while (bytes > 0) {
            if (used_ == page_.size()) refill();
            const std::size_t n = std::min(bytes, page_.size() - used_);
            std::copy_n(page_.data() + used_, n, out);
            std::fill_n(page_.data() + used_, n, 0);  // handed out once
            used_ += n;
            out += n;
            bytes -= n;
        }
    }

  private:
    void refill() {
        if (RAND_bytes(page_.data(), static_cast<int>(page_.size())) != 1) {
            throw std::runtime_error("the system's random number generator failed");
        }
        used_ = 0;
    }

    std::array<unsigned char, 4096> page_{};
    std::size_t used_ = page_.size();
};

bool is_id_text(std::string_view text) {
    return !text.empty() && text.size() <= 64 &&
           text.find_first_not_of(kAlphabet) == std::string_view::npos;
}

}  // namespace

std::string random_id(std::size_t bytes) {
    thread_local RandomPool pool;
    std::vector<unsigned char> random(bytes);
    pool.take(random.data(), random.size());
    return base64url(random.data(), random.size());
}

std::string delivery_id() {
    std::uint64_t stamp = next_stamp();
    std::string id(kTimePrefixLength, '-');
    for (std::size_t i = kTimePrefixLength; i-- > 0; stamp >>= 6)
        id[i] = kSortedAlphabet[stamp & 63];
    return id + random_id();
}

std::string content_digest(std::string_view bytes) {
    std::vector<unsigned char> digest(SHA256_DIGEST_LENGTH);
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
    return base64url(digest.data(), digest.size());
}

std::string copy_message_id(std::string_view delivery_id) {
    return std::string(delivery_id) + "." + random_id(8);
}

std::optional<std::string> delivery_of_message_id(std::string_view message_id) {
    const auto dot = message_id.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto id = message_id.substr(0, dot);
    if (!is_id_text(id) || !is_id_text(message_id.substr(dot + 1))) return std::nullopt;
    return std::string(id);
}

}  // namespace cardex::component
