// The hazard-changing drill decisions of issue 14 §1 as inject text and as branches: a dike
// breach of a given width fed by an outside water level, a sluice gate stuck open or closed,
// a pumping station failing and coming back. Their TOML and one-line forms round-trip, bad
// ones are refused naming the field, and a branch that adds them resumes the flood from the
// parent's checkpoint bit for bit like the from-scratch branch.
#include <gtest/gtest.h>

#include <unistd.h>

#include "batch_fixture.hpp"
#include "cli_runner.hpp"
#include "core/error.hpp"
#include "hazard/hazard_run.hpp"
#include "io/h5.hpp"
#include "response/incident.hpp"
#include "response_fixture.hpp"
#include "scenario/inject_reader.hpp"

namespace fs = std::filesystem;

namespace {

// A lattice county with one pumping station and two outfalls.
struct Drainage : sdtest::Lattice {
  Drainage() : Lattice(5, 500) {
    scenario.outfalls = {{"North sluice", x(2), y(4)}, {"South sluice", x(2), y(0)}};
    scenario.pumps = {{"Pump 1", x(2), y(3), 5.0, 800.0, -1, 0}};
    build();
  }
};

std::vector<sd::Inject> read_line(const sd::Scenario& s, const std::string& line) {
  return sd::parse_inject_text(sd::inline_inject_toml(line, "--inject-inline #1"),
                               "--inject-inline #1", s, 3600);
}

std::string error_of(const sd::Scenario& s, const std::string& line) {
  try {
    read_line(s, line);
  } catch (const sd::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(HazardInjects, OneLinersAndInjectFilesRoundTrip) {
  const Drainage c;
  const sd::Scenario& s = c.scenario;
  for (const std::string line :
       {"dike_breach x=600 y=600 width_m=40 outside_level=[[1,2.5],[3,4.0],[6,1.2]]",
        "dike_breach x=600 y=600 width_m=40 crest_m=1.5 develop_h=0.5 duration_h=6",
        "dike_breach x=600 y=600 peak_m3s=300 duration_h=3",
        "dike_breach x=600 y=600 width_m=40 outside=model",
        "sluice_stuck outfall='North sluice' "
        "state=open area_m2=2.5",
        "sluice_stuck target='South sluice' state=closed", "pump_failure station='Pump 1'",
        "pump_back station='Pump 1' at=7200"}) {
    SCOPED_TRACE(line);
    const auto a = read_line(s, line);
    ASSERT_EQ(a.size(), 1u);
    const auto b = sd::parse_inject_text(sd::inject_toml(a[0]), "t2", s, 0);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(sd::inject_toml(a[0]), sd::inject_toml(b[0]));
    EXPECT_TRUE(sd::changes_hazard(a[0].kind));
  }
  // The weir form is read without a warning (its pour cell: BreachSetup.WeirBreachFloods...).
  std::vector<std::string> warnings;
  sd::parse_inject_text(sd::inline_inject_toml("dike_breach x=600 y=600 width_m=40", "#1"), "#1", s,
                        3600, &warnings);
  EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings[0]);
  const auto w = read_line(s, "dike_breach x=600 y=600 width_m=40 outside_level=[[1,2.5],[3,4]]");
  EXPECT_EQ(w[0].width_m, 40.0);
  EXPECT_EQ(w[0].level_t_s, (std::vector<double>{3600.0, 10800.0}));
  EXPECT_EQ(w[0].level_m, (std::vector<double>{2.5, 4.0}));
  EXPECT_TRUE(std::isnan(w[0].crest_m)) << "default: the ground it pours onto";
  EXPECT_FALSE(w[0].outside_model);
  EXPECT_TRUE(read_line(s, "dike_breach x=600 y=600 width_m=40 outside=model")[0].outside_model);
  const auto g = read_line(s, "sluice_stuck outfall='North sluice' state=open");
  EXPECT_TRUE(g[0].stuck_open);
  EXPECT_EQ(g[0].area_m2, 1.0) << "default opening";
  // The inject-file form with the series as a table of pairs.
  const auto f = sd::parse_inject_text(
      "[[inject]]\nkind = \"dike_breach\"\nx = 600\ny = 600\nwidth_m = 25\n"
      "outside_level = [[0, 1.0], [2.5, 3.2]]\ninvert_m = 0.5\n",
      "drill.toml", s, 0);
  EXPECT_EQ(f[0].level_m, (std::vector<double>{1.0, 3.2}));
  EXPECT_EQ(f[0].crest_m, 0.5);
}

TEST(HazardInjects, BadOnesAreRefusedNamingTheField) {
  const Drainage c;
  const sd::Scenario& s = c.scenario;
  auto has = [&](const std::string& line, const std::string& want) {
    const std::string e = error_of(s, line);
    EXPECT_NE(e.find(want), std::string::npos) << line << " -> " << e;
    EXPECT_NE(e.find("--inject-inline #1:"), std::string::npos) << "names the source: " << e;
  };
  has("sluice_stuck outfall=Nowhere state=open", "no [[outfall]] named 'Nowhere'");
  has("sluice_stuck outfall='North sluice'", "state");
  has("sluice_stuck outfall='North sluice' state=ajar", "state");
  has("sluice_stuck outfall='North sluice' state=open area_m2=0", "area_m2: a gate opening must");
  has("sluice_stuck outfall='North sluice' state=closed area_m2=2", "area_m2");
  has("pump_back station=Nobody", "no [[pumping_station]] named 'Nobody'");
  has("pump_failure station=Nobody", "no [[pumping_station]] named 'Nobody'");
  has("dike_breach x=600 y=600 width_m=0", "width_m: a breach width must be > 0");
  has("dike_breach x=600 y=600 width_m=-5", "width_m");
  has("dike_breach x=600 y=600 width_m=10 peak_m3s=100", "not both");
  has("dike_breach x=600 y=600 peak_m3s=100 outside_level=[[0,1]]",
      "outside_level belongs to a breach of width_m");
  has("dike_breach x=600 y=600 width_m=10 outside_level=[[2,1],[1,2]]",
      "outside_level: times must increase");
  has("dike_breach x=600 y=600 width_m=10 outside_level=[[2,1],[2,2]]", "times must increase");
  has("dike_breach x=600 y=600 width_m=10 outside_level=[[2,1,3]]", "pair of numbers");
  has("dike_breach x=600 y=600 width_m=10 outside_level=[]", "at least one");
  has("dike_breach x=600 y=600 width_m=10 outside=model outside_level=[[0,1]]",
      "outside: give outside_level");
  has("dike_breach x=600 y=600 width_m=10 outside=sea", "outside");
  has("dike_breach x=600 y=600 peak_m3s=100 outside=model",
      "outside belongs to a breach of width_m");
  has("dike_breach x=99999 y=600 width_m=10", "x");
  EXPECT_NE(error_of(s, "dike_breach x=99999 y=600 width_m=10").find("DEM"), std::string::npos);
  EXPECT_NE(error_of(s, "dike_breach x=1 y=2 width_m=1 outside_level=[[0,1]]#x").find("one line"),
            std::string::npos);
}

// The bowl county (batch_fixture.hpp) with a sluice and a pumping station at its low centre;
// the parent hazard keeps hourly checkpoints.
struct Bowl {
  fs::path county, tmp;
  sd::Scenario s;
  std::shared_ptr<const sd::ResponseModel> m;
  sd::HazardOptions o;
  explicit Bowl(const std::string& name)
      : county(sdtest::make_flood_county(name)),
        tmp(fs::temp_directory_path() / ("sd_" + name + "_" + std::to_string(::getpid()))),
        s(sd::load_scenario((county / "scenario.toml").string())) {
    s.outfalls = {{"Sluice", 301025, 3380725}};
    s.pumps = {{"Pump", 301025, 3380725, 0.5, 600, -1, 0}};
    m = sd::build_response_model(s);
    fs::remove_all(tmp);
    o.threads = 1;
    o.checkpoint_every_s = 3600;
    o.cache_dir = (tmp / "a").string();
    o.warn = [](const std::string&) {};
    sd::run_hazard(s, *m, o);
  }
  ~Bowl() {
    fs::remove_all(tmp);
    fs::remove_all(county);
  }
  // The branch resumed from the parent's checkpoints, and from scratch in a cache of its own.
  std::pair<sd::HazardTimeline, sd::HazardTimeline> branch(const std::vector<sd::Inject>& add,
                                                           double before, bool at) const {
    sd::Scenario b = s;
    b.injects.insert(b.injects.end(), add.begin(), add.end());
    sd::HazardOptions ro = o;
    ro.resume_from = std::make_shared<const sd::Scenario>(s);
    ro.resume_before_s = before;
    ro.resume_at = at;
    sd::HazardOptions fo = o;
    fo.cache_dir = (tmp / "b").string();
    return {sd::run_hazard(b, *m, ro), sd::run_hazard(b, *m, fo)};
  }
};

std::vector<float> frames_of(const std::string& path) {
  auto f = sd::h5::File::open_read(path);
  return sd::h5::read_vector<float>(sd::h5::open_group(f, "hazard"), "depth");
}

sd::Inject inject(sd::InjectKind kind, double t) {
  sd::Inject j;
  j.kind = kind;
  j.t_s = t;
  j.x = 301025;
  j.y = 3380725;
  j.target = kind == sd::InjectKind::SluiceStuck ? "Sluice" : "Pump";
  return j;
}

void expect_same(const sd::HazardTimeline& resumed, const sd::HazardTimeline& fresh,
                 double resumed_from) {
  EXPECT_EQ(resumed.resumed_from_s, resumed_from);
  EXPECT_EQ(fresh.resumed_from_s, 0);
  EXPECT_EQ(resumed.key, fresh.key);
  EXPECT_EQ(resumed.edge_depth, fresh.edge_depth);
  EXPECT_EQ(resumed.max_depth, fresh.max_depth);
  EXPECT_TRUE(frames_of(resumed.frames_path) == frames_of(fresh.frames_path))
      << "depth frames differ from the from-scratch branch";
}

TEST(HazardInjects, WeirBreachAndStuckSluiceBranchesResumeBitForBit) {
  const Bowl fx("hz_weir");
  sd::Inject weir = inject(sd::InjectKind::DikeBreach, 5400);
  weir.width_m = 20;
  weir.crest_m = 1.2;
  weir.develop_s = 600;
  weir.level_t_s = {0, 9000};
  weir.level_m = {2.5, 1.0};
  sd::Inject gate = inject(sd::InjectKind::SluiceStuck, 3600);
  gate.stuck_open = true;
  gate.area_m2 = 2;
  const auto [r, f] = fx.branch({weir, gate}, 3600, true);
  expect_same(r, f, 3600);
  EXPECT_NE(r.max_depth, sd::run_hazard(fx.s, *fx.m, fx.o).max_depth) << "the breach floods";
  // The breach's width and its outside series are in the key.
  sd::Inject wider = weir;
  wider.width_m = 21;
  sd::Inject higher = weir;
  higher.level_m[1] = 1.1;
  sd::Scenario a = fx.s, b = fx.s, c = fx.s;
  a.injects = {weir}, b.injects = {wider}, c.injects = {higher};
  EXPECT_NE(sd::hazard_key(a, *fx.m, fx.o), sd::hazard_key(b, *fx.m, fx.o));
  EXPECT_NE(sd::hazard_key(a, *fx.m, fx.o), sd::hazard_key(c, *fx.m, fx.o));
}

// A breach whose crest stands above the outside water passes nothing: the branch's flood is
// its parent's, frame for frame.
TEST(HazardInjects, ABreachAboveTheOutsideLevelChangesNothing) {
  const Bowl fx("hz_dry_weir");
  sd::Inject weir = inject(sd::InjectKind::DikeBreach, 5400);
  weir.width_m = 20;
  weir.crest_m = 50;
  weir.level_t_s = {0};
  weir.level_m = {10};
  const auto [r, f] = fx.branch({weir}, 5400, true);
  expect_same(r, f, 3600);
  const sd::HazardTimeline parent = sd::run_hazard(fx.s, *fx.m, fx.o);
  EXPECT_TRUE(frames_of(r.frames_path) == frames_of(parent.frames_path));
}

TEST(HazardInjects, PumpFailureAndReturnBranchesResumeBitForBit) {
  const Bowl fx("hz_pump");
  // Out at 1 h 30, back at 2 h: resumes from the 1 h checkpoint.
  const auto [r, f] =
      fx.branch({inject(sd::InjectKind::PumpFailure, 5400), inject(sd::InjectKind::PumpBack, 7200)},
                5400, false);
  expect_same(r, f, 3600);
  // A station failing at a checkpoint time acts before that checkpoint's frame: the branch
  // resumes from the one before.
  const auto [r2, f2] = fx.branch({inject(sd::InjectKind::PumpFailure, 7200)}, 7200, false);
  expect_same(r2, f2, 3600);
}

// duration_h on a pump failure brings the station back after it (the same flood as an explicit
// pump_back then), and on a stuck sluice frees the gate after it (the director's duration field
// writes it for both: docs/viz.md).
TEST(HazardInjects, DurationEndsAPumpFailureAndAStuckSluice) {
  const Bowl fx("hz_duration");
  auto flood = [&](std::vector<sd::Inject> add) {
    sd::Scenario b = fx.s;
    b.injects.insert(b.injects.end(), add.begin(), add.end());
    return sd::run_hazard(b, *fx.m, fx.o);
  };
  sd::Inject out = inject(sd::InjectKind::PumpFailure, 5400);
  const sd::HazardTimeline forever = flood({out});
  out.duration_s = 1800;
  const sd::HazardTimeline timed = flood({out});
  out.duration_s = 0;
  const sd::HazardTimeline back = flood({out, inject(sd::InjectKind::PumpBack, 7200)});
  EXPECT_TRUE(frames_of(timed.frames_path) == frames_of(back.frames_path));
  EXPECT_FALSE(frames_of(timed.frames_path) == frames_of(forever.frames_path));
  sd::Inject gate = inject(sd::InjectKind::SluiceStuck, 3600);
  gate.stuck_open = false;
  const sd::HazardTimeline stuck = flood({gate});
  gate.duration_s = 1800;
  const sd::HazardTimeline freed = flood({gate});
  EXPECT_FALSE(frames_of(freed.frames_path) == frames_of(stuck.frames_path));
  // Read back from a one-liner, the duration is the inject's.
  const auto j = read_line(fx.s, "sluice_stuck outfall=Sluice state=closed duration_h=0.5");
  EXPECT_EQ(j[0].duration_s, 1800.0);
  EXPECT_NE(sd::inject_toml(j[0]).find("duration_h = 0.5"), std::string::npos);
  EXPECT_EQ(read_line(fx.s, "pump_failure station=Pump duration_h=2")[0].duration_s, 7200.0);
}

// `stormdrill branch` with the pump decisions end to end on the bowl county with a station.
TEST(HazardInjects, PumpFailureIsABranchDecisionOnTheCommandLine) {
  const fs::path dir = sdtest::make_flood_county("hz_cli");
  {
    std::ofstream add(dir / "scenario.toml", std::ios::app);
    add << "\n[[outfall]]\nname = \"Sluice\"\nx = 301025.0\ny = 3380725.0\n"
        << "\n[[pumping_station]]\nname = \"Pump\"\nx = 301025.0\ny = 3380725.0\n"
        << "capacity_m3s = 0.5\nserves_radius_m = 600.0\n";
  }
  const std::string cache = " --cache-dir " + (dir / "cache").string() + " --threads 1 -q";
  const fs::path parent = dir / "run.h5", b = dir / "pump.h5";
  auto r = sdtest::stormdrill("run " + (dir / "scenario.toml").string() + " -o " + parent.string() +
                              cache);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = sdtest::stormdrill("branch " + parent.string() +
                         " --at 09:30 --inject-inline 'pump_failure station=Pump' "
                         "--inject-inline 'pump_back station=Pump at=10:00' "
                         "--inject-inline 'sluice_stuck outfall=Sluice state=closed' -o " +
                         b.string() + cache);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto fp = sd::h5::File::open_read(parent.string());
  auto fb = sd::h5::File::open_read(b.string());
  EXPECT_NE(sd::h5::attr_string(sd::h5::open_group(fp, "meta"), "hazard_key"),
            sd::h5::attr_string(sd::h5::open_group(fb, "meta"), "hazard_key"));
  const std::string toml = sd::h5::read_string(fb, "branch/injects_toml");
  EXPECT_NE(toml.find("kind = \"pump_back\""), std::string::npos) << toml;
  EXPECT_NE(toml.find("state = \"closed\""), std::string::npos) << toml;
  const std::string before = sdtest::slurp(parent);
  r = sdtest::stormdrill("branch " + parent.string() +
                         " --at 09:30 --inject-inline 'pump_back station=Pumpe' -o " +
                         (dir / "bad.h5").string() + cache);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no [[pumping_station]] named 'Pumpe'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "bad.h5"));
  EXPECT_TRUE(sdtest::slurp(parent) == before) << "the parent is untouched";
  fs::remove_all(dir);
}

}  // namespace
