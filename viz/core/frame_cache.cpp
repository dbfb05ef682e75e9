#include "core/frame_cache.hpp"

#include <algorithm>

namespace sd::viz {

namespace {
constexpr std::size_t kMaxQueue = 8;  // older requests are dropped: the user has moved on
}

FrameCache::FrameCache(const ResultsFile& file, std::size_t budget_bytes) : file_(file) {
  const std::size_t frame_bytes = std::max<std::size_t>(file.grid().size() * sizeof(float), 1);
  capacity_ = std::max<std::size_t>(2, budget_bytes / frame_bytes);
  thread_ = std::thread([this] { worker(); });
}

FrameCache::~FrameCache() {
  {
    std::lock_guard lk(m_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

FrameCache::Frame FrameCache::lookup_locked(const Key& key) {
  for (auto it = lru_.begin(); it != lru_.end(); ++it) {
    if (it->key == key) {
      lru_.splice(lru_.begin(), lru_, it);
      return it->frame;
    }
  }
  return nullptr;
}

void FrameCache::insert_locked(const Key& key, Frame f) {
  if (lookup_locked(key)) return;
  lru_.push_front({key, std::move(f)});
  while (lru_.size() > capacity_) lru_.pop_back();
}

FrameCache::Frame FrameCache::get(Series s, std::size_t k) {
  const Key key{s, k};
  {
    std::lock_guard lk(m_);
    if (Frame f = lookup_locked(key)) {
      ++stats_.hits;
      return f;
    }
    ++stats_.misses;
  }
  auto f = std::make_shared<const std::vector<float>>(file_.read_frame(s, k));
  std::lock_guard lk(m_);
  ++stats_.loads;
  insert_locked(key, f);
  return f;
}

FrameCache::Frame FrameCache::try_get(Series s, std::size_t k) {
  const Key key{s, k};
  {
    std::lock_guard lk(m_);
    if (Frame f = lookup_locked(key)) {
      ++stats_.hits;
      return f;
    }
    ++stats_.misses;
  }
  prefetch(s, k);
  return nullptr;
}

void FrameCache::prefetch(Series s, std::size_t k) {
  const Key key{s, k};
  {
    std::lock_guard lk(m_);
    for (const auto& e : lru_)
      if (e.key == key) return;
    std::erase(queue_, key);
    queue_.push_front(key);
    if (queue_.size() > kMaxQueue) queue_.pop_back();
  }
  cv_.notify_one();
}

FrameCache::Stats FrameCache::stats() const {
  std::lock_guard lk(m_);
  return stats_;
}

std::string FrameCache::last_error() const {
  std::lock_guard lk(m_);
  return error_;
}

void FrameCache::worker() {
  for (;;) {
    Key key{};
    {
      std::unique_lock lk(m_);
      cv_.wait(lk, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      key = queue_.front();
      queue_.pop_front();
      bool cached = false;
      for (const auto& e : lru_) cached = cached || e.key == key;
      if (cached) continue;
    }
    try {
      auto f = std::make_shared<const std::vector<float>>(file_.read_frame(key.s, key.k));
      std::lock_guard lk(m_);
      ++stats_.loads;
      insert_locked(key, std::move(f));
    } catch (const std::exception& e) {
      std::lock_guard lk(m_);
      error_ = e.what();
    }
  }
}

}  // namespace sd::viz
