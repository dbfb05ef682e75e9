#include "io/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace sd::io {

AtomicFile::AtomicFile(std::string final_path) : final_(std::move(final_path)) {
  // The pid keeps concurrent writers (batch ranks, tests) from sharing a temporary name.
  temp_ = final_ + ".tmp" + std::to_string(::getpid());
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

void AtomicFile::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, final_, ec);
  if (ec)
    throw std::runtime_error("cannot rename " + temp_ + " to " + final_ + ": " + ec.message());
  committed_ = true;
}

void write_text_atomic(const std::string& path, const std::string& text) {
  AtomicFile f(path);
  {
    std::ofstream out(f.temp_path(), std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << text;
    if (!out.flush()) throw std::runtime_error("write failed: " + path);
  }
  f.commit();
}

}  // namespace sd::io
