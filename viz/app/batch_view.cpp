#include "app/batch_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/batch_model.hpp"
#include "core/kpi_units.hpp"

namespace sd::viz {

namespace {

// Row order of `t` sorted by the table's current sort spec (numeric or text columns).
void sort_rows(const std::vector<const Column*>& shown, std::vector<std::size_t>& order) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || specs->SpecsCount == 0) return;
  const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
  const Column* c = shown[static_cast<std::size_t>(s.ColumnIndex)];
  const bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (c->is_string) return asc ? c->str[a] < c->str[b] : c->str[a] > c->str[b];
    const double x = c->num[a], y = c->num[b];
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);  // NaN last either way
    return asc ? x < y : x > y;
  });
}

std::string header_of(const std::string& column) {
  if (column == "plan" || column == "member" || column == "ok" || column == "error") return column;
  if (column == "results_path") return "results file";
  const KpiDisplay d = kpi_display(column, NAN);
  return d.unit.empty() ? d.name : d.name + " (" + d.unit + ")";
}

// Fixed column width that shows the whole header (no cut-off headers).
void setup_column(const std::string& header, float min_w, ImGuiTableColumnFlags extra = 0) {
  const float w = std::max(min_w, ImGui::CalcTextSize(header.c_str()).x + 24);
  ImGui::TableSetupColumn(header.c_str(), ImGuiTableColumnFlags_WidthFixed | extra, w);
}

// Mean with its confidence interval as a bar on a scale shared by all plans of the KPI.
void interval_cell(const KpiInterval& v, double lo, double hi, float w) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = 8;
  if (v.has_interval() && hi > lo) {
    auto X = [&](double x) { return static_cast<float>(p.x + 4 + (w - 8) * (x - lo) / (hi - lo)); };
    dl->AddRectFilled({p.x, p.y + 2}, {p.x + w, p.y + 2 + h}, IM_COL32(45, 55, 70, 255));
    dl->AddRectFilled({X(v.lo), p.y + 2}, {std::max(X(v.hi), X(v.lo) + 2), p.y + 2 + h},
                      IM_COL32(90, 160, 230, 255));
    dl->AddLine({X(v.mean), p.y}, {X(v.mean), p.y + 4 + h}, IM_COL32(255, 255, 255, 255), 2);
  }
  ImGui::Dummy({w, h + 4});
  if (std::isfinite(v.mean) && !v.has_interval())
    ImGui::TextColored(ImVec4(1, .75f, .4f, 1), "%s", v.text.c_str());
  else
    ImGui::TextUnformatted(v.text.c_str());
}

void draw_comparison(const BatchModel& m) {
  const float kpi_w = 230;
  const int ncols = 4 + static_cast<int>(m.kpis.size());
  if (!ImGui::BeginTable("plans", ncols,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                             ImGuiTableFlags_ScrollY))
    return;
  ImGui::TableSetupScrollFreeze(2, 1);
  setup_column("rank", 40);
  setup_column("plan", 120);
  setup_column("P(best)", 60);
  setup_column("verdict on " + kpi_display(m.rank_by, NAN).name, 260);
  for (const auto& k : m.kpis) setup_column(header_of(k), kpi_w);
  ImGui::TableHeadersRow();
  // Shared scale per KPI: the union of all plans' intervals.
  std::vector<std::pair<double, double>> scale(m.kpis.size(), {INFINITY, -INFINITY});
  for (const auto& p : m.plans)
    for (std::size_t k = 0; k < p.kpis.size(); ++k)
      if (p.kpis[k].has_interval()) {
        scale[k].first = std::min(scale[k].first, p.kpis[k].lo);
        scale[k].second = std::max(scale[k].second, p.kpis[k].hi);
      }
  for (const auto& p : m.plans) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d", p.rank);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.plan.c_str());
    ImGui::TableNextColumn();
    if (std::isfinite(p.p_best))
      ImGui::Text("%.0f %%", p.p_best * 100);
    else
      ImGui::TextDisabled("n/a");
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", p.plan == m.baseline ? "(baseline: the first plan)"
                             : p.verdict.empty()  ? "n/a (no /tradeoff row in this batch file)"
                                                  : p.verdict.c_str());
    for (std::size_t k = 0; k < p.kpis.size(); ++k) {
      ImGui::TableNextColumn();
      interval_cell(p.kpis[k], scale[k].first, scale[k].second, kpi_w - 12);
    }
  }
  ImGui::EndTable();
}

std::optional<std::filesystem::path> draw_runs(Document& batch, const Table& runs,
                                               const BatchModel& m, BatchViewState& st) {
  std::optional<std::filesystem::path> open;
  std::vector<const Column*> cols;
  for (const auto& name : m.run_columns) cols.push_back(runs.find(name));
  if (cols.empty() || !ImGui::BeginTable("runs", static_cast<int>(cols.size()),
                                         ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                             ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                             ImGuiTableFlags_ScrollX))
    return open;
  for (const Column* c : cols) setup_column(header_of(c->name), c->is_string ? 90 : 60);
  ImGui::TableSetupScrollFreeze(2, 1);
  ImGui::TableHeadersRow();
  std::vector<std::size_t> order(runs.rows());
  std::iota(order.begin(), order.end(), 0);
  sort_rows(cols, order);
  const auto dir = std::filesystem::absolute(batch.file->path()).parent_path();
  for (std::size_t row : order) {
    ImGui::TableNextRow();
    for (std::size_t ci = 0; ci < cols.size(); ++ci) {
      ImGui::TableNextColumn();
      const Column* c = cols[ci];
      const std::string text = c->is_string || c->name == "member" || c->name == "ok"
                                   ? runs.text(c->name, row)
                                   : format_kpi(c->name, c->num[row]);
      if (ci == 0 && m.runs_have_files && !runs.text("results_path", row).empty()) {
        ImGui::PushID(static_cast<int>(row));
        ImGui::Selectable(
            text.c_str(), false,
            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick);
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
          std::filesystem::path p = runs.text("results_path", row);
          if (p.is_relative()) p = dir / p;
          std::error_code ec;
          if (std::filesystem::exists(p, ec))
            open = p;
          else
            st.message = "run results file " + p.string() + " does not exist";
        }
        ImGui::PopID();
      } else {
        ImGui::TextUnformatted(text.c_str());
      }
    }
  }
  ImGui::EndTable();
  return open;
}

}  // namespace

std::optional<std::filesystem::path> draw_batch_view(Document& batch, BatchViewState& st) {
  const Table plans = batch.file->read_table("/plans");
  const Table runs = batch.file->read_table("/runs");
  const Table members = batch.file->read_table("/members");
  TradeoffRows tr;
  tr.plan_a = batch.file->read_strings("/tradeoff/plan_a");
  tr.plan_b = batch.file->read_strings("/tradeoff/plan_b");
  tr.kpi = batch.file->read_strings("/tradeoff/kpi");
  tr.verdict = batch.file->read_strings("/tradeoff/verdict");
  const std::string rank_by =
      batch.file->meta().rank_by.empty() ? "expected_fatalities" : batch.file->meta().rank_by;
  // Storm members: the /members table, else the distinct members of /runs.
  std::set<double> member_ids;
  if (const Column* c = runs.find("member")) member_ids.insert(c->num.begin(), c->num.end());
  const std::size_t n_members = std::max(members.rows(), member_ids.size());
  const BatchModel m = make_batch_model(plans, runs, tr, rank_by, static_cast<int>(n_members));
  ImGui::Text("Batch %s: %zu plans x %zu storm members, ranked by %s", batch.label().c_str(),
              plans.rows(), n_members, kpi_display(rank_by, NAN).name.c_str());
  ImGui::TextDisabled(
      "Bars: 95 %% confidence interval over the storm members (white tick: mean), on one scale "
      "per column. Verdicts compare each plan with the first (docs/batch.md).");
  if (!m.runs_have_files)
    ImGui::TextDisabled(
        "Batch runs keep no results file of their own: re-run one plan with "
        "`stormdrill run` to replay it.");
  else
    ImGui::TextDisabled("Double-click a run in the per-run table to open its results file.");
  std::optional<std::filesystem::path> open;
  if (ImGui::BeginTabBar("batch")) {
    if (ImGui::BeginTabItem("Plans compared")) {
      draw_comparison(m);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Per-run table")) {
      open = draw_runs(batch, runs, m, st);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (!st.message.empty()) ImGui::TextColored(ImVec4(1, .4f, .4f, 1), "%s", st.message.c_str());
  return open;
}

}  // namespace sd::viz
