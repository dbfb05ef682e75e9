#pragma once
// The batch journal: one line per finished member and per finished run, so a killed batch
// resumes where it stopped. Its first line is a signature of the batch (scenario, plans,
// members, seeds); a journal with another signature is started afresh.
//
// A kill or a full disk can tear the last line; resuming drops it with a warning (that run is
// redone) and cuts the file back to its last whole record before appending. A malformed line
// anywhere else is corruption and is reported with its line number. Every append is checked
// (write, then fsync at each member's end): a journal that cannot be written stops the batch,
// because progress it fails to record would silently be redone or lost.
#include <map>
#include <string>
#include <utility>

#include "batch/batch_runner.hpp"

namespace sd {

struct JournalContents {
  std::map<std::pair<int, int>, BatchRun> runs;  // (plan, member)
  std::map<int, BatchMember> members;
};

// Adds the records of the journal at `path` to `out` when its signature is `sig`. Returns the
// length in bytes of its whole, valid prefix (0 when the signature differs or the file is
// missing). Warnings (a torn last record) go to `warn`. Throws InputError on a malformed
// record that is not the last one.
std::uintmax_t load_journal(const std::string& path, const std::string& sig, JournalContents& out,
                            std::string* warn);

class JournalWriter {
 public:
  // Opens `path` for appending after its first `keep_bytes` bytes (a torn tail is cut off);
  // with keep_bytes == 0 the file is started afresh with the signature line. Throws
  // std::runtime_error naming the folder and the reason when it cannot be created.
  JournalWriter(std::string path, const std::string& sig, std::uintmax_t keep_bytes);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void append(const std::string& record);  // one line, '\n' added
  void sync();                             // fsync: the records so far survive a crash

 private:
  std::string path_;
  int fd_ = -1;
};

std::string journal_member_record(const BatchMember& m);
std::string journal_run_record(const BatchRun& r);

}  // namespace sd
