// I/O safety building blocks: the output guard (no output over an input, a folder or a file of
// another kind), stale temporaries of dead processes, the SIGTERM cleanup of live ones, the
// batch journal's torn last record, a UTF-8 BOM in CSV headers, and HDF5 handles closed on an
// error path.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "batch/batch_journal.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_table.hpp"
#include "io/h5.hpp"
#include "io/output_guard.hpp"
#include "io/temp_files.hpp"

namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("sd_iosafe_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A PID that belonged to a process which has exited (and been reaped).
pid_t dead_pid() {
  const pid_t pid = fork();
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
  return pid;
}

template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const sd::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(OutputGuard, RefusesInputsFoldersRootAndOtherKinds) {
  const fs::path d = fresh_dir("guard");
  const fs::path scn = d / "scenario.toml";
  write(scn, "[scenario]\nname = \"x\"\n");
  sd::io::enable_input_guard();
  sd::io::note_input(scn.string());
  // The same file under another spelling (a hard link) is still the input.
  fs::create_hard_link(scn, d / "alias.toml");
  EXPECT_NE(input_error_of([&] {
              sd::io::AtomicFile f((d / "alias.toml").string());
            }).find("refusing to overwrite an input"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_file(scn.string(), sd::io::FileKind::Hdf5);
            }).find("input of this command"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_file(d.string(), sd::io::FileKind::Hdf5);
            }).find("is a directory"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_file("/", sd::io::FileKind::Hdf5);
            }).find("root folder"),
            std::string::npos);
  // Kind by magic bytes, not by name: a TOML file named .h5 is text.
  write(d / "notes.h5", "some text\n");
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_file((d / "notes.h5").string(), sd::io::FileKind::Hdf5);
            }).find("is a text file, not an HDF5 file"),
            std::string::npos);
  write(d / "dem.tif", std::string("II*\0\x08\0\0\0", 8));
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_file((d / "dem.tif").string(), sd::io::FileKind::Hdf5);
            }).find("TIFF"),
            std::string::npos);
  // An earlier result of the same kind, a new file and an empty file are all fine.
  {
    auto f = sd::h5::File::create((d / "old.h5").string());
    f.commit();
  }
  EXPECT_NO_THROW(sd::io::check_output_file((d / "old.h5").string(), sd::io::FileKind::Hdf5));
  EXPECT_NO_THROW(sd::io::check_output_file((d / "new.h5").string(), sd::io::FileKind::Hdf5));
  write(d / "empty.tif", "");
  EXPECT_NO_THROW(sd::io::check_output_file((d / "empty.tif").string(), sd::io::FileKind::GeoTiff));
  EXPECT_EQ(slurp(scn), "[scenario]\nname = \"x\"\n");
}

TEST(OutputGuard, NonEmptyFolderNeedsForce) {
  const fs::path d = fresh_dir("folder");
  EXPECT_NO_THROW(sd::io::check_output_folder((d / "new").string(), false));
  EXPECT_NO_THROW(sd::io::check_output_folder(d.string(), false));  // empty
  write(d / "scenario.toml", "x");
  EXPECT_NE(input_error_of([&] { sd::io::check_output_folder(d.string(), false); }).find("--force"),
            std::string::npos);
  EXPECT_NO_THROW(sd::io::check_output_folder(d.string(), true));
  EXPECT_NE(input_error_of([&] {
              sd::io::check_output_folder((d / "scenario.toml").string(), true);
            }).find("not a directory"),
            std::string::npos);
}

TEST(TempFiles, StaleTemporariesOfDeadProcessesAreRemovedLiveOnesKept) {
  const fs::path d = fresh_dir("stale");
  const pid_t dead = dead_pid();
  const fs::path stale = d / ("run.h5.tmp" + std::to_string(dead));
  const fs::path live = d / ("run.h5.tmp" + std::to_string(getppid()));
  write(stale, "partial");
  write(live, "in progress");
  write(d / "notes.tmpfile", "not ours");
  // A user's own file named like a temporary of a dead process, without one of our output
  // kinds before ".tmp", is not ours either (it was once deleted).
  const fs::path users = d / ("notes.tmp" + std::to_string(dead));
  write(users, "the user's");
  write(d / "run.h5", "done");
  EXPECT_EQ(sd::io::remove_stale_temps(d.string()), 1);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(d / "notes.tmpfile"));
  EXPECT_TRUE(fs::exists(users));
  EXPECT_TRUE(fs::exists(d / "run.h5"));
  // Writers sweep their folder when they start.
  write(stale, "partial");
  sd::io::write_text_atomic((d / "summary.json").string(), "{}\n");
  EXPECT_FALSE(fs::exists(stale));
}

TEST(TempFiles, SigtermRemovesLiveTemporariesAndExits130) {
  const fs::path d = fresh_dir("sigterm");
  const pid_t pid = fork();
  if (pid == 0) {
    sd::io::install_interrupt_cleanup();
    auto f = sd::h5::File::create((d / "run.h5").string());
    sd::h5::write_vector<double>(f, "x", std::vector<double>(1000, 1.0));
    H5Fflush(f, H5F_SCOPE_GLOBAL);
    sd::io::AtomicFile t((d / "summary.json").string());
    write(t.temp_path(), "{");
    raise(SIGTERM);
    _exit(0);  // not reached
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_TRUE(fs::is_empty(d)) << "temporaries left: " << fs::directory_iterator(d)->path();
}

TEST(BatchJournal, TornLastRecordIsDroppedAndCutOff) {
  const fs::path d = fresh_dir("journal");
  const fs::path j = d / "b.h5.journal.0";
  const std::string sig = "stormdrill-batch-journal v1 test";
  {
    sd::JournalWriter w(j.string(), sig, 0);
    sd::BatchMember m;
    m.member = 1;
    m.ok = true;
    m.hazard_key = "abc";
    w.append(sd::journal_member_record(m));
    sd::BatchRun r;
    r.plan = 0;
    r.member = 1;
    r.ok = true;
    r.kpi.assign(sd::batch_kpis().size(), 2.5);
    w.append(sd::journal_run_record(r));
    w.sync();
  }
  const std::string whole = slurp(j);
  write(j, whole + "run 1 1 1 0.25 3.5 4");  // torn mid-record, no newline
  sd::JournalContents c;
  std::string warning;
  const auto good = sd::load_journal(j.string(), sig, c, &warning);
  EXPECT_EQ(good, whole.size());
  EXPECT_NE(warning.find(":4: dropped a torn last record"), std::string::npos) << warning;
  ASSERT_EQ(c.runs.size(), 1u);
  EXPECT_DOUBLE_EQ(c.runs.at({0, 1}).kpi[3], 2.5);
  EXPECT_EQ(c.members.at(1).hazard_key, "abc");
  // Resuming cuts the tail before appending: the file is whole records again.
  {
    sd::JournalWriter w(j.string(), sig, good);
    w.append("member 2 0 0 - failed");
  }
  EXPECT_EQ(slurp(j), whole + "member 2 0 0 - failed\n");
  // A malformed record that is not the last one is corruption, reported with its line.
  write(j, whole + "run x\n" + "member 2 0 0 - failed\n");
  sd::JournalContents c2;
  try {
    sd::load_journal(j.string(), sig, c2, nullptr);
    ADD_FAILURE() << "expected an InputError";
  } catch (const sd::InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":4: malformed batch journal record"), std::string::npos)
        << e.what();
  }
  // Another batch's journal is not resumed.
  sd::JournalContents c3;
  EXPECT_EQ(sd::load_journal(j.string(), "other signature", c3, nullptr), 0u);
  EXPECT_TRUE(c3.runs.empty());
}

TEST(BatchJournal, SecondWriterOfTheSameJournalIsRefused) {
  // Two batches appending to one journal interleave records (the soak found a restarted batch
  // overlapping the one it replaced): the second writer must be refused, the first unharmed.
  const fs::path d = fresh_dir("journal_lock");
  const fs::path j = d / "b.h5.journal.0";
  sd::JournalWriter first(j.string(), "sig", 0);
  try {
    sd::JournalWriter second(j.string(), "sig", 0);
    ADD_FAILURE() << "expected an IoError";
  } catch (const sd::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("being written by another running batch"),
              std::string::npos)
        << e.what();
  }
  first.append("member 1 0 0 - failed");
  EXPECT_EQ(slurp(j), "sig\nmember 1 0 0 - failed\n");
}

TEST(BatchJournal, UnwritableFolderIsNamed) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  const fs::path d = fresh_dir("journal_ro");
  fs::permissions(d, fs::perms::owner_read | fs::perms::owner_exec);
  try {
    sd::JournalWriter w((d / "b.h5.journal.0").string(), "sig", 0);
    ADD_FAILURE() << "expected an IoError";
  } catch (const sd::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot write in output folder " + d.string()),
              std::string::npos)
        << e.what();
  }
  fs::permissions(d, fs::perms::owner_all);
}

TEST(CsvTable, Utf8ByteOrderMarkInHeaderIsAccepted) {
  const fs::path d = fresh_dir("bom");
  write(d / "nodes.csv", "\xEF\xBB\xBFid,x,y\n1,2,3\n");
  const sd::io::CsvTable t((d / "nodes.csv").string());
  EXPECT_TRUE(t.column("id").has_value());
  EXPECT_EQ(t.required("id"), 0u);
}

TEST(CsvTable, DirectoryIsReportedAsSuch) {
  const fs::path d = fresh_dir("csvdir");
  EXPECT_NE(input_error_of([&] { sd::io::CsvTable t(d.string()); }).find("is a directory"),
            std::string::npos);
}

TEST(H5, ErrorPathClosesTheFileAndRemovesTheTemporary) {
  const fs::path d = fresh_dir("h5err");
  {
    sd::h5::Handle group;
    {
      auto f = sd::h5::File::create((d / "r.h5").string());
      group = sd::h5::create_group(f, "hazard");
      // A failing write (dataset exists) while a group handle outlives the file object.
      sd::h5::write_vector<double>(group, "x", {1.0});
      EXPECT_THROW(sd::h5::write_vector<double>(group, "x", {1.0}), std::runtime_error);
    }
    // The file was closed strongly: no object of it is left open, the temporary is gone.
    EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
  }
  EXPECT_TRUE(fs::is_empty(d));
}
