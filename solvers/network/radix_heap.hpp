#pragma once
// Monotone radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) over 64-bit keys. Dijkstra pops
// keys in non-decreasing order, so an item lives in the bucket indexed by the highest bit in
// which its key differs from the last popped key; each item moves down at most 64 times.
// Duplicate entries (lazy decrease-key) are filtered by the caller.
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace sd::net {

class RadixHeap {
 public:
  using Item = std::pair<std::uint64_t, std::uint32_t>;  // key, node

  void clear() {
    for (auto& b : buckets_) b.clear();
    size_ = 0;
    last_ = 0;
  }
  bool empty() const { return size_ == 0; }
  void push(std::uint64_t key, std::uint32_t node) {
    buckets_[bucket(key)].emplace_back(key, node);
    ++size_;
  }
  // Smallest key; precondition !empty().
  Item pop() {
    if (buckets_[0].empty()) redistribute();
    const Item it = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return it;
  }

 private:
  int bucket(std::uint64_t key) const {
    return key == last_ ? 0 : 64 - std::countl_zero(key ^ last_);
  }
  void redistribute() {
    int i = 1;
    while (buckets_[i].empty()) ++i;
    std::uint64_t m = buckets_[i][0].first;
    for (const Item& it : buckets_[i]) m = it.first < m ? it.first : m;
    last_ = m;
    for (const Item& it : buckets_[i]) buckets_[bucket(it.first)].push_back(it);
    buckets_[i].clear();
  }
  std::vector<Item> buckets_[65];
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;
};

}  // namespace sd::net
