// Raster frames streamed from a results file: a small LRU cache plus one background prefetch
// thread, so scrubbing a 2000 x 2000 x 500 series never loads more than a few frames.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/results_file.hpp"

namespace sd::viz {

class FrameCache {
 public:
  using Frame = std::shared_ptr<const std::vector<float>>;
  struct Stats {
    std::size_t hits = 0, misses = 0, loads = 0;
  };

  // Keeps at most max(2, budget_bytes / frame size) frames.
  FrameCache(const ResultsFile& file, std::size_t budget_bytes);
  ~FrameCache();
  FrameCache(const FrameCache&) = delete;
  FrameCache& operator=(const FrameCache&) = delete;

  Frame get(Series s, std::size_t k);      // blocks until frame k is read
  Frame try_get(Series s, std::size_t k);  // cached frame or nullptr (and queues a load)
  void prefetch(Series s, std::size_t k);  // queue a background load; newest requests first
  std::size_t capacity() const { return capacity_; }
  Stats stats() const;
  std::string last_error() const;  // read failure seen by the prefetch thread, if any

 private:
  struct Key {
    Series s;
    std::size_t k;
    bool operator==(const Key&) const = default;
  };
  struct Entry {
    Key key;
    Frame frame;
  };
  Frame lookup_locked(const Key& key);
  void insert_locked(const Key& key, Frame f);
  void worker();

  const ResultsFile& file_;
  std::size_t capacity_;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::list<Entry> lru_;   // front = most recently used
  std::deque<Key> queue_;  // pending background loads, front = most urgent
  Stats stats_;
  std::string error_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace sd::viz
