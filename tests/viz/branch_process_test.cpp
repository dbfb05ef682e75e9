// The child process the director waits for: its exit code (or signal), stdout and stderr
// together, and a clear error for a program that cannot be started.
#include <gtest/gtest.h>

#include "core/branch_process.hpp"

namespace sd::viz {
namespace {

TEST(ChildProcess, CollectsOutputAndTheExitCode) {
  ChildProcess p({"/bin/sh", "-c", "echo progress 1; echo 'bad key' >&2; exit 3"});
  p.wait();
  ASSERT_TRUE(p.finished());
  EXPECT_EQ(p.exit_code(), 3);
  EXPECT_NE(p.output().find("progress 1\n"), std::string::npos) << p.output();
  EXPECT_NE(p.output().find("bad key\n"), std::string::npos) << p.output();
  EXPECT_EQ(p.last_line(), "bad key");
  EXPECT_TRUE(p.poll()) << "stays finished";
}

TEST(ChildProcess, KilledBySignalIs128PlusTheSignal) {
  ChildProcess p({"/bin/sh", "-c", "kill -TERM $$"});
  p.wait();
  EXPECT_EQ(p.exit_code(), 128 + 15);
}

TEST(ChildProcess, AProgramThatIsNotThereIsNamed) {
  try {
    ChildProcess p({"/nonexistent/stormdrill", "branch"});
    p.wait();
    // posix_spawn may report the failure as exit code 127 of the child instead.
    EXPECT_EQ(p.exit_code(), 127);
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot start /nonexistent/stormdrill"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sd::viz
