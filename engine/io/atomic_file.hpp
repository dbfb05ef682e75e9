#pragma once
// Write-then-rename: outputs appear under their final name only when complete, so an
// interrupted run never leaves a truncated file that looks finished.
#include <filesystem>
#include <string>

namespace sd::io {

class AtomicFile {
 public:
  explicit AtomicFile(std::string final_path);
  ~AtomicFile();  // removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  void commit();  // rename temp -> final (throws std::runtime_error on failure)

 private:
  std::string final_;
  std::string temp_;
  bool committed_ = false;
};

// Writes a whole text file atomically.
void write_text_atomic(const std::string& path, const std::string& text);

}  // namespace sd::io
