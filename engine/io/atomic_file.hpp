#pragma once
// Write-then-rename: outputs appear under their final name only when complete, so an
// interrupted run never leaves a truncated file that looks finished. The temporary
// (`FINAL.tmpPID`) is registered for removal on SIGINT/SIGTERM, and stale temporaries of dead
// processes in the same folder are removed when a new one is created (io/temp_files.hpp).
#include <string>

namespace sd::io {

class AtomicFile {
 public:
  // Throws InputError when final_path is a directory or an input of this command.
  explicit AtomicFile(std::string final_path);
  ~AtomicFile();  // removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  void commit();  // rename temp -> final (throws std::runtime_error naming both and why)

 private:
  std::string final_;
  std::string temp_;
  bool committed_ = false;
};

// Writes a whole text file atomically; errors name the file and the reason (strerror).
void write_text_atomic(const std::string& path, const std::string& text);

// "what PATH: reason" for the current errno, e.g. "cannot write out/run.h5.tmp7: No space
// left on device".
std::string io_error(const std::string& what, const std::string& path, int err);

}  // namespace sd::io
