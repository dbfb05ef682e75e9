// The branches of a drill session: the opened run, every branch the director made, and the
// branches found on disk through their recorded parents (/meta@parent_path, /branch group;
// docs/results-format.md), each with its headline KPIs from /kpi/final.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sd::viz {

struct BranchNode {
  std::filesystem::path path;         // absolute, normalised
  std::filesystem::path parent_path;  // absolute; empty for a root run
  double at_s = 0;                    // branch time (0 for a root run)
  std::string injects_toml;           // /branch/injects_toml: every inject since the root
  std::string label;                  // what the director did ("close_road edge=12")
  std::vector<std::pair<std::string, double>> kpis;  // the headline KPIs, in kHeadlineKpis order
  int parent = -1;                                   // index in the tree, -1: root or unknown
};

// The KPIs the tree shows (names of /kpi/final).
extern const std::vector<std::string> kHeadlineKpis;

// Reads the branch record and KPIs of a results file; throws std::runtime_error when it is
// not a readable stormdrill run file.
BranchNode read_branch_node(const std::filesystem::path& path);

class BranchTree {
 public:
  // Adds (or refreshes) a file and links parents; returns its index.
  int add(BranchNode n);
  int add_file(const std::filesystem::path& path) { return add(read_branch_node(path)); }
  // Adds the ancestors of node k that exist on disk (a branch opened alone shows its parent).
  void add_ancestors(int k);
  // Adds every *.h5 run in `folder` whose parent is already in the tree (repeated until no
  // more are found); returns how many were added. Unreadable files are skipped.
  int scan_folder(const std::filesystem::path& folder);
  int find(const std::filesystem::path& path) const;
  const std::vector<BranchNode>& nodes() const { return nodes_; }
  int depth(int k) const;
  // Tree order: each node followed by its children (depth-first), for the panel.
  std::vector<int> display_order() const;

 private:
  void relink();
  std::vector<BranchNode> nodes_;
};

// The branch's injects as an inject file `stormdrill branch ROOT.h5 --inject FILE` re-runs
// (the text `--save-injects` writes), written atomically (temp + rename). Throws
// std::runtime_error when the node is no branch or the file cannot be written.
void save_injects_file(const BranchNode& n, const std::filesystem::path& root_run,
                       const std::filesystem::path& out);

}  // namespace sd::viz
