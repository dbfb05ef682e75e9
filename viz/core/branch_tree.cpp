#include "core/branch_tree.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <stdexcept>

#include "results/h5_read.hpp"
#include "results/table.hpp"

namespace sd::viz {

namespace fs = std::filesystem;

const std::vector<std::string> kHeadlineKpis = {
    "incidents_served",    "incidents_late_or_unserved", "response_time_median_s",
    "response_time_p90_s", "people_evacuated",           "expected_fatalities"};

namespace {

fs::path normal(const fs::path& p) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

// The kinds of the injects since the root run and the branch time, for the tree's label.
std::string label_of(const std::string& toml, double at_s) {
  std::string kinds;
  for (std::size_t pos = 0; (pos = toml.find("kind = \"", pos)) != std::string::npos;) {
    pos += 8;
    const auto end = toml.find('"', pos);
    kinds += (kinds.empty() ? "" : ", ") + toml.substr(pos, end - pos);
  }
  return kinds.empty() ? "run" : kinds + " @" + std::to_string(static_cast<long long>(at_s)) + " s";
}

// The earliest `at_h` of canonical inject tables, in seconds: a saved file re-runs from the
// root with --at no later than its first inject.
double first_inject_s(const std::string& toml, double fallback) {
  double first = fallback;
  for (std::size_t pos = 0; (pos = toml.find("\nat_h = ", pos)) != std::string::npos;) {
    pos += 8;
    first = std::min(first, std::strtod(toml.c_str() + pos, nullptr) * 3600);
  }
  return first;
}

}  // namespace

BranchNode read_branch_node(const fs::path& path) {
  BranchNode n;
  n.path = normal(path);
  h5::quiet_errors();
  h5::Handle f;
  {
    std::lock_guard lk(h5::api_lock());
    f = h5::Handle(H5Fopen(n.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  }
  if (!f.valid()) throw std::runtime_error(path.string() + ": not an HDF5 file");
  if (!h5::exists(f, "/meta")) throw std::runtime_error(path.string() + ": no /meta group");
  h5::Handle meta = h5::open_group(f, "/meta");
  if (h5::find_attr_string(meta, "format").value_or("") != "stormdrill-results" ||
      h5::find_attr_string(meta, "kind").value_or("") != "run")
    throw std::runtime_error(path.string() + ": not a stormdrill run file");
  if (h5::exists(f, "/branch")) {
    h5::Handle b = h5::open_group(f, "/branch");
    n.parent_path = h5::find_attr_string(b, "parent_path").value_or("");
    n.at_s = h5::find_attr_double(b, "at_s").value_or(0.0);
    if (h5::exists(f, "/branch/injects_toml"))
      n.injects_toml = h5::read_string(f, "/branch/injects_toml");
  } else if (auto p = h5::find_attr_string(meta, "parent_path"); p && !p->empty()) {
    n.parent_path = *p;
  }
  if (!n.parent_path.empty()) {
    if (n.parent_path.is_relative()) n.parent_path = n.path.parent_path() / n.parent_path;
    n.parent_path = normal(n.parent_path);
  }
  n.label = n.parent_path.empty() ? "run" : label_of(n.injects_toml, n.at_s);
  const results::Table fin = results::read_table(f, "kpi/final");
  if (const results::Column* names = fin.find("name"))
    for (const auto& k : kHeadlineKpis)
      for (std::size_t r = 0; r < fin.rows(); ++r)
        if (names->str[r] == k) n.kpis.emplace_back(k, fin.num("value", r, 0));
  return n;
}

int BranchTree::find(const fs::path& path) const {
  const fs::path p = normal(path);
  for (std::size_t k = 0; k < nodes_.size(); ++k)
    if (nodes_[k].path == p) return static_cast<int>(k);
  return -1;
}

void BranchTree::relink() {
  for (auto& n : nodes_) n.parent = n.parent_path.empty() ? -1 : find(n.parent_path);
}

int BranchTree::add(BranchNode n) {
  int k = find(n.path);
  if (k >= 0) {
    const std::string keep = nodes_[static_cast<std::size_t>(k)].label;
    nodes_[static_cast<std::size_t>(k)] = std::move(n);
    if (!keep.empty() && keep != "run") nodes_[static_cast<std::size_t>(k)].label = keep;
  } else {
    nodes_.push_back(std::move(n));
    k = static_cast<int>(nodes_.size()) - 1;
  }
  relink();
  return k;
}

void BranchTree::add_ancestors(int k) {
  for (int guard = 0; k >= 0 && guard < 64; ++guard) {
    const fs::path parent = nodes_[static_cast<std::size_t>(k)].parent_path;
    if (parent.empty() || nodes_[static_cast<std::size_t>(k)].parent >= 0) return;
    std::error_code ec;
    if (!fs::is_regular_file(parent, ec)) return;
    try {
      k = add_file(parent);
    } catch (const std::exception&) {
      return;
    }
  }
}

int BranchTree::scan_folder(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file(ec) && e.path().extension() == ".h5") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<BranchNode> candidates;
  for (const auto& p : files) {
    if (find(p) >= 0) continue;
    try {
      BranchNode n = read_branch_node(p);
      if (!n.parent_path.empty()) candidates.push_back(std::move(n));
    } catch (const std::exception&) {
    }
  }
  int added = 0;
  for (bool more = true; more;) {  // a branch of a branch joins once its parent has
    more = false;
    for (auto& c : candidates)
      if (!c.path.empty() && find(c.parent_path) >= 0) {
        add(std::move(c));
        c.path.clear();
        ++added;
        more = true;
      }
  }
  return added;
}

int BranchTree::depth(int k) const {
  int d = 0;
  for (int guard = 0; k >= 0 && guard < 64; ++guard) {
    k = nodes_[static_cast<std::size_t>(k)].parent;
    if (k >= 0) ++d;
  }
  return d;
}

std::vector<int> BranchTree::display_order() const {
  std::vector<int> out;
  std::function<void(int, int)> visit = [&](int k, int guard) {
    out.push_back(k);
    for (std::size_t c = 0; c < nodes_.size(); ++c)
      if (nodes_[c].parent == k && guard < 64) visit(static_cast<int>(c), guard + 1);
  };
  for (std::size_t k = 0; k < nodes_.size(); ++k)
    if (nodes_[k].parent < 0) visit(static_cast<int>(k), 0);
  return out;
}

void save_injects_file(const BranchNode& n, const fs::path& root_run, const fs::path& out) {
  if (n.injects_toml.empty())
    throw std::runtime_error(n.path.string() + ": not a branch (no /branch/injects_toml)");
  const fs::path tmp = out.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream o(tmp, std::ios::binary);
    o << "# stormdrill branch injects of " << n.path.string() << "\n# (re-run: stormdrill branch "
      << root_run.string() << " --at "
      << static_cast<long long>(std::floor(first_inject_s(n.injects_toml, n.at_s)))
      << " --inject THIS -o BRANCH.h5)\n\n"
      << n.injects_toml;
    if (!o) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + out.string());
  }
}

}  // namespace sd::viz
