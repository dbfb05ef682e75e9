#include "batch/batch_journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/fault_injection.hpp"

namespace sd {
namespace {

std::string fmt(double v) {
  if (!std::isfinite(v)) return "nan";
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

bool parse_double(const std::string& s, double& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return *end == '\0';
}

bool parse_int(const std::string& s, int& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  const long x = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || x < -2147483647L || x > 2147483647L) return false;
  v = static_cast<int>(x);
  return true;
}

// One record; false when the line is not a whole, well-formed record.
bool parse_record(const std::string& line, JournalContents& out) {
  std::istringstream ss(line);
  std::string kind, a, b, c, d;
  ss >> kind >> a >> b >> c >> d;
  int ok = 0;
  if (kind == "run") {
    BatchRun r;
    if (!parse_int(a, r.plan) || !parse_int(b, r.member) || !parse_int(c, ok) ||
        !parse_double(d, r.wall_s))
      return false;
    r.ok = ok != 0;
    for (std::size_t k = 0; k < batch_kpis().size(); ++k) {
      std::string v;
      double x = 0;
      if (!(ss >> v) || !parse_double(v, x)) return false;
      r.kpi.push_back(x);
    }
    std::getline(ss >> std::ws, r.error);
    out.runs[{r.plan, r.member}] = r;
    return true;
  }
  if (kind == "member") {
    BatchMember m;
    if (!parse_int(a, m.member) || !parse_int(b, ok) || !parse_double(c, m.hazard_wall_s) ||
        d.empty())
      return false;
    m.ok = ok != 0;
    m.hazard_key = d;
    std::getline(ss >> std::ws, m.error);
    out.members[m.member] = m;
    return true;
  }
  return false;
}

}  // namespace

std::uintmax_t load_journal(const std::string& path, const std::string& sig, JournalContents& out,
                            std::string* warn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  const std::size_t first = text.find('\n');
  if (first == std::string::npos || text.compare(0, first, sig) != 0) return 0;
  std::uintmax_t good = first + 1;
  long line_no = 1;
  for (std::size_t pos = first + 1; pos < text.size();) {
    ++line_no;
    const std::size_t nl = text.find('\n', pos);
    const bool last = nl == std::string::npos || nl + 1 == text.size();
    JournalContents rec;
    if (nl == std::string::npos || !parse_record(text.substr(pos, nl - pos), rec)) {
      if (!last)
        throw InputError(where(path, line_no) +
                         ": malformed batch journal record; rerun with --no-resume to start "
                         "the batch over");
      if (warn)
        *warn = where(path, line_no) +
                ": dropped a torn last record (interrupted write); that run is redone";
      break;
    }
    for (auto& [k, r] : rec.runs) out.runs[k] = r;
    for (auto& [k, m] : rec.members) out.members[k] = m;
    good = nl + 1;
    pos = nl + 1;
  }
  return good;
}

JournalWriter::JournalWriter(std::string path, const std::string& sig, std::uintmax_t keep_bytes)
    : path_(std::move(path)) {
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  const std::string folder = dir.empty() ? "." : dir;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw IoError(io::io_error("batch: cannot write in output folder", folder, errno) +
                  " (journal " + path_ + ")");
  // Two batches writing one journal interleave their records (found by the soak when a
  // restarted batch overlapped the one it replaced): the second one is refused. The lock goes
  // with the process, even on SIGKILL.
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw IoError("batch: " + path_ +
                    " is being written by another running batch with the same output; wait "
                    "for it to finish or choose another -o");
    throw IoError(io::io_error("batch: cannot lock journal", path_, err));
  }
  if (::ftruncate(fd_, static_cast<off_t>(keep_bytes)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw IoError(io::io_error("batch: cannot write journal", path_, err));
  }
  if (keep_bytes == 0) {
    append(sig);
    sync();
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const std::string& record) {
  const std::string line = record + "\n";
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = io::fault::inject(io::fault::Op::Write)
                          ? -1
                          : ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw IoError(io::io_error("batch: cannot write journal", path_, errno) +
                    "; batch stopped (rerun to resume from the last recorded run)");
    done += static_cast<std::size_t>(n);
  }
}

void JournalWriter::sync() {
  if (io::fault::inject(io::fault::Op::Flush) || ::fsync(fd_) != 0)
    throw IoError(io::io_error("batch: cannot flush journal", path_, errno) +
                  "; batch stopped (rerun to resume from the last recorded run)");
}

std::string journal_member_record(const BatchMember& m) {
  std::string error = m.error;
  for (auto& c : error)
    if (c == '\n') c = ' ';
  return "member " + std::to_string(m.member) + " " + (m.ok ? "1" : "0") + " " +
         fmt(m.hazard_wall_s) + " " + (m.hazard_key.empty() ? "-" : m.hazard_key) + " " + error;
}

std::string journal_run_record(const BatchRun& r) {
  std::string s = "run " + std::to_string(r.plan) + " " + std::to_string(r.member) + " " +
                  (r.ok ? "1" : "0") + " " + fmt(r.wall_s);
  for (double v : r.kpi) s += " " + fmt(v);
  std::string error = r.error;
  for (auto& c : error)
    if (c == '\n') c = ' ';
  return s + " " + error;
}

}  // namespace sd
