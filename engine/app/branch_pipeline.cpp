#include "app/branch_pipeline.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/error.hpp"
#include "hazard/hazard_run.hpp"
#include "io/atomic_file.hpp"
#include "io/h5.hpp"
#include "io/h5_checksum.hpp"
#include "io/output_guard.hpp"
#include "scenario/inject_reader.hpp"

namespace sd {
namespace fs = std::filesystem;

ParentRun read_parent(const std::string& path) {
  if (!fs::is_regular_file(path)) throw InputError(path + ": no such results file");
  if (auto bad = h5::seal_problem(path, false)) throw InputError(path + ": corrupted: " + *bad);
  io::note_input(path);  // never written over (-o naming the parent is refused)
  auto f = h5::File::open_read(path);
  if (!h5::exists(f, "meta"))
    throw InputError(path + ": not a stormdrill results file (no /meta group)");
  h5::Handle meta = h5::open_group(f, "meta");
  if (!h5::has_attr(meta, "format") || h5::attr_string(meta, "format") != "stormdrill-results")
    throw InputError(path + ": not a stormdrill results file (foreign /meta)");
  const std::string kind = h5::has_attr(meta, "kind") ? h5::attr_string(meta, "kind") : "";
  if (kind != "run")
    throw InputError(path + ": a stormdrill '" + kind +
                     "' file, not a run: only a run (stormdrill run/demo/branch) can be branched");
  ParentRun p;
  if (h5::has_attr(meta, "scenario_path")) p.scenario_path = h5::attr_string(meta, "scenario_path");
  if (h5::has_attr(meta, "plan_path")) p.plan_path = h5::attr_string(meta, "plan_path");
  p.seed = static_cast<std::uint64_t>(h5::attr_int(meta, "seed"));
  p.member = h5::has_attr(meta, "member") ? static_cast<int>(h5::attr_int(meta, "member")) : 0;
  p.duration_s = h5::attr_double(meta, "duration_s");
  if (h5::exists(f, "meta/scenario_text"))
    p.scenario_text = h5::read_string(f, "meta/scenario_text");
  if (h5::exists(f, "branch/injects_toml"))
    p.injects_toml = h5::read_string(f, "branch/injects_toml");
  p.checksum = h5::seal_hash(path).value_or("");
  return p;
}

namespace {

std::string slurp(const std::string& path) {
  if (!fs::is_regular_file(path)) throw InputError(path + ": inject file not found");
  io::note_input(path);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) throw InputError(path + ": cannot read the inject file");
  return ss.str();
}

std::string hours(double s) {
  std::ostringstream o;
  o.precision(4);
  o << s / 3600 << " h";
  return o.str();
}

// The branch's injects as they are compiled against the loaded scenario.
struct Compiled {
  double at_s = 0;
  std::vector<Inject> injects;  // the parent's branch injects, then the new ones
  std::vector<std::string> source;
  std::shared_ptr<const Scenario> root;  // the scenario before any branch inject
  std::shared_ptr<const Scenario>
      parent;                  // ... with the parent's injects (new ones change the hazard)
  double resume_before_s = 0;  // the first new hazard-changing inject
  bool resume_at = true;       // a checkpoint at exactly that time serves (no pump failure then)
};

}  // namespace

RunReport run_branch(const BranchRequest& b) {
  PhaseClock clock(b.run.phase);
  const ParentRun parent = read_parent(b.parent_path);
  clock.lap("read parent");
  if (b.inject_files.empty() && b.inline_injects.empty())
    throw InputError(
        "nothing to branch with: give --inject FILE.toml or --inject-inline 'ACTION ...'");
  RunRequest rq = b.run;
  rq.scenario_path = !b.scenario_path.empty() ? b.scenario_path : parent.scenario_path;
  if (rq.scenario_path.empty())
    throw InputError(b.parent_path +
                     ": records no scenario file (written before `stormdrill branch` existed); "
                     "name it with --scenario");
  if (!fs::is_regular_file(rq.scenario_path))
    throw InputError(b.parent_path + ": its scenario file " + rq.scenario_path +
                     " is not there any more; name it with --scenario");
  if (b.out_path.empty()) throw InputError("branch: -o BRANCH.h5 is required");
  if (fs::exists(b.out_path) && fs::equivalent(b.out_path, b.parent_path))
    throw InputError(b.out_path + ": is the parent run; the branch needs a file of its own");
  rq.out_path = b.out_path;
  rq.plan_path = parent.plan_path;
  rq.seed = parent.seed;
  rq.member = parent.member;
  rq.allow_empty_storm = true;  // the parent ran on this storm
  if (!b.save_injects_path.empty()) io::check_output_file(b.save_injects_path, io::FileKind::Text);
  std::vector<std::pair<std::string, std::string>> texts;  // (source, TOML)
  for (const auto& f : b.inject_files) texts.emplace_back(f, slurp(f));
  for (std::size_t k = 0; k < b.inline_injects.size(); ++k) {
    const std::string src = "--inject-inline #" + std::to_string(k + 1);
    texts.emplace_back(src, inline_inject_toml(b.inline_injects[k], src));
  }
  auto c = std::make_shared<Compiled>();
  rq.amend_scenario = [c, texts, parent, &b, warn = rq.warn](Scenario& s) {
    // A scenario edited since the parent ran would not reproduce the parent before t.
    if (!parent.scenario_text.empty() && parent.scenario_text != s.text)
      throw InputError(s.path + ": the scenario changed since " + b.parent_path +
                       " was run; the branch would not share its past");
    c->at_s = parse_drill_time(b.at, s, "--at");
    if (c->at_s < 0 || c->at_s > s.duration_s)
      throw InputError("--at " + b.at + " (" + hours(c->at_s) + ") is outside the run (0 .. " +
                       hours(s.duration_s) + ")");
    if (!parent.injects_toml.empty())
      for (auto& j :
           parse_inject_text(parent.injects_toml, b.parent_path + ":/branch/injects_toml", s, 0)) {
        c->injects.push_back(j);
        c->source.push_back(b.parent_path);
      }
    const std::size_t from_parent = c->injects.size();
    std::vector<std::string> warnings;
    for (const auto& [src, text] : texts)
      for (auto& j : parse_inject_text(text, src, s, c->at_s, &warnings)) {
        if (j.t_s < c->at_s - 1e-6 || j.t_s > s.duration_s)
          throw InputError(src + ": " + std::string(kInjectKinds[j.kind]) + " at " + hours(j.t_s) +
                           " is outside the branch (" + hours(c->at_s) + " .. " +
                           hours(s.duration_s) + ")");
        c->injects.push_back(j);
        c->source.push_back(src);
      }
    if (warn)
      for (const auto& w : warnings) warn(w);
    bool hazard_changes = false, new_hazard = false;
    for (std::size_t k = 0; k < c->injects.size(); ++k) {
      hazard_changes |= changes_hazard(c->injects[k].kind);
      new_hazard |= k >= from_parent && changes_hazard(c->injects[k].kind);
    }
    if (hazard_changes) c->root = std::make_shared<const Scenario>(s);
    if (new_hazard) {  // the parent's hazard: its flood checkpoints let the branch resume
      auto p = std::make_shared<Scenario>(s);
      p->injects.insert(p->injects.end(), c->injects.begin(),
                        c->injects.begin() + static_cast<std::ptrdiff_t>(from_parent));
      c->parent = std::move(p);
      c->resume_before_s = s.duration_s;
      for (std::size_t k = from_parent; k < c->injects.size(); ++k)
        if (changes_hazard(c->injects[k].kind))
          c->resume_before_s = std::min(c->resume_before_s, c->injects[k].t_s);
      for (std::size_t k = from_parent; k < c->injects.size(); ++k)
        if ((c->injects[k].kind == InjectKind::PumpFailure ||
             c->injects[k].kind == InjectKind::PumpBack) &&
            c->injects[k].t_s == c->resume_before_s)
          c->resume_at = false;
    }
    // Appended after the parent's: every inject keeps its index, so its random stream.
    s.injects.insert(s.injects.end(), c->injects.begin(), c->injects.end());
  };
  rq.check_model = [c](const ResponseModel& m) {
    const std::size_t E = m.graph->num_edges();
    for (std::size_t k = 0; k < c->injects.size(); ++k) {
      const Inject& j = c->injects[k];
      if ((j.kind == InjectKind::CloseRoad || j.kind == InjectKind::ReopenRoad) &&
          static_cast<std::size_t>(j.edge) >= E)
        throw InputError(c->source[k] + ": edge " + std::to_string(j.edge) +
                         ": no such road segment (the network has " + std::to_string(E) +
                         " edges, rows 0.." + std::to_string(E - 1) + " of /roads/edges)");
    }
  };
  // A hazard of the branch's own (dike breach, rain band, pump failure): the evacuation zones
  // stay those of the root run's risk map, drawn before the storm, so orders given before t
  // are the parent's.
  rq.amend_hazard = [c](HazardTimeline& h, const ResponseModel& m, const HazardOptions& o) {
    if (!c->root) return;
    HazardOptions ro = o;
    ro.resume_from = nullptr;  // the root is not the branch's parent
    auto root = cached_hazard(*c->root, m, ro);
    h.max_depth = root ? root->max_depth : run_hazard(*c->root, m, ro).max_depth;
  };
  rq.amend_hazard_options = [c](HazardOptions& o) {
    o.resume_from = c->parent;
    o.resume_before_s = c->resume_before_s;
    o.resume_at = c->resume_at;
  };
  std::string injects_toml;
  rq.branch_record = [c, &parent, &b, &injects_toml] {
    BranchRecord r;
    r.parent_path = fs::absolute(b.parent_path).lexically_normal().string();
    r.parent_checksum = parent.checksum;
    r.at_s = c->at_s;
    for (const auto& j : c->injects) r.injects_toml += inject_toml(j) + "\n";
    injects_toml = r.injects_toml;
    return r;
  };
  RunReport rep = run_drill(rq);
  if (!b.save_injects_path.empty())
    io::write_text_atomic(
        b.save_injects_path,
        "# stormdrill branch injects since " + parent.scenario_path +
            " (re-run: stormdrill branch ROOT_RUN.h5 --at TIME --inject THIS)\n\n" + injects_toml);
  return rep;
}

}  // namespace sd
