#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "io/fault_injection.hpp"
#include "io/output_guard.hpp"
#include "io/temp_files.hpp"

namespace sd::io {

std::string io_error(const std::string& what, const std::string& path, int err) {
  return what + " " + path + ": " + std::strerror(err);
}

AtomicFile::AtomicFile(std::string final_path) : final_(std::move(final_path)) {
  check_not_input(final_);
  remove_stale_temps(std::filesystem::path(final_).parent_path().string());
  // The pid keeps concurrent writers (batch ranks, tests) from sharing a temporary name.
  temp_ = temp_name_for(final_);
  register_temp(temp_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
  unregister_temp(temp_);
}

void AtomicFile::commit() {
  if (fault::inject(fault::Op::Rename) || std::rename(temp_.c_str(), final_.c_str()) != 0)
    throw IoError(io_error("cannot rename " + temp_ + " to", final_, errno));
  committed_ = true;
}

void write_text_atomic(const std::string& path, const std::string& text) {
  AtomicFile f(path);
  const int fd = ::open(f.temp_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(io_error("cannot create", f.temp_path(), errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n =
        fault::inject(fault::Op::Write) ? -1 : ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw IoError(io_error("cannot write", f.temp_path(), err));
    }
    done += static_cast<std::size_t>(n);
  }
  // fsync before the rename: after a crash the final name holds the whole text or the old file.
  if (fault::inject(fault::Op::Flush) || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    throw IoError(io_error("cannot flush", f.temp_path(), err));
  }
  if (::close(fd) != 0) throw IoError(io_error("cannot close", f.temp_path(), errno));
  f.commit();
}

}  // namespace sd::io
