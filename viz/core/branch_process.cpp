#include "core/branch_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace sd::viz {

ChildProcess::ChildProcess(const std::vector<std::string>& argv)
    : start_(std::chrono::steady_clock::now()) {
  if (argv.empty()) throw std::runtime_error("no command to run");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = ::posix_spawn(&pid_, argv[0].c_str(), &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  }
  fd_ = fds[0];
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !finished_) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (fd_ >= 0) ::close(fd_);
}

void ChildProcess::drain() {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n > 0) {
      output_.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return;  // EAGAIN (nothing yet), EOF or an error
  }
}

bool ChildProcess::poll() {
  if (finished_) return true;
  drain();
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    drain();  // what it wrote just before exiting
    finished_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status)
                                   : (WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1);
  } else if (r < 0 && errno != EINTR) {
    finished_ = true;
    exit_code_ = 1;
    output_ += std::string("\nwaitpid: ") + std::strerror(errno);
  }
  return finished_;
}

void ChildProcess::wait() {
  while (!poll()) {
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, 50);  // wakes on output, else re-checks the exit every 50 ms
  }
}

std::string ChildProcess::last_line() const {
  std::size_t end = output_.find_last_not_of("\r\n ");
  if (end == std::string::npos) return "";
  const std::size_t begin = output_.find_last_of("\r\n", end);
  return output_.substr(begin == std::string::npos ? 0 : begin + 1,
                        end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

double ChildProcess::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace sd::viz
