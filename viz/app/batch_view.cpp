#include "app/batch_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sd::viz {

namespace {

// Row order of `t` sorted by the table's current sort spec (numeric or text columns).
void sort_rows(const Table& t, const std::vector<const Column*>& shown,
               std::vector<std::size_t>& order) {
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
  (void)t;
}

}  // namespace

std::optional<std::filesystem::path> draw_batch_view(Document& batch, BatchViewState& st) {
  std::optional<std::filesystem::path> open;
  const Table plans = batch.file->read_table("/plans");
  const Table runs = batch.file->read_table("/runs");
  ImGui::Text("Batch %s: %zu plans, %zu runs", batch.label().c_str(), plans.rows(), runs.rows());
  ImGui::TextDisabled(
      "click a header to sort; mean [lo, hi] is the confidence interval; double-click a run to "
      "open it");
  // Plans: show plan, then each KPI as "mean [lo, hi]", then rank and p_best.
  std::vector<std::string> kpis;
  for (const auto& c : plans.columns())
    if (c.name.size() > 5 && c.name.ends_with("_mean"))
      kpis.push_back(c.name.substr(0, c.name.size() - 5));
  std::vector<const Column*> shown;
  if (const Column* p = plans.find("plan")) shown.push_back(p);
  for (const auto& k : kpis) shown.push_back(plans.find(k + "_mean"));
  for (const char* extra : {"rank", "p_best"})
    if (const Column* c = plans.find(extra)) shown.push_back(c);
  if (!shown.empty() && ImGui::BeginTable("plans", static_cast<int>(shown.size()),
                                          ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                              ImGuiTableFlags_Borders)) {
    for (const Column* c : shown) ImGui::TableSetupColumn(c->name.c_str());
    ImGui::TableHeadersRow();
    std::vector<std::size_t> order(plans.rows());
    std::iota(order.begin(), order.end(), 0);
    sort_rows(plans, shown, order);
    for (std::size_t row : order) {
      ImGui::TableNextRow();
      for (const Column* c : shown) {
        ImGui::TableNextColumn();
        if (c->name.ends_with("_mean")) {
          const std::string k = c->name.substr(0, c->name.size() - 5);
          ImGui::Text("%.3g [%.3g, %.3g]", c->num[row], plans.num(k + "_lo", row, NAN),
                      plans.num(k + "_hi", row, NAN));
        } else {
          ImGui::TextUnformatted(plans.text(c->name, row).c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  std::vector<const Column*> rcols;
  for (const auto& c : runs.columns()) rcols.push_back(&c);
  if (!rcols.empty() && ImGui::BeginTable("runs", static_cast<int>(rcols.size()),
                                          ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                              ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY)) {
    for (const Column* c : rcols) ImGui::TableSetupColumn(c->name.c_str());
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    std::vector<std::size_t> order(runs.rows());
    std::iota(order.begin(), order.end(), 0);
    sort_rows(runs, rcols, order);
    const auto dir = std::filesystem::absolute(batch.file->path()).parent_path();
    for (std::size_t row : order) {
      ImGui::TableNextRow();
      for (std::size_t ci = 0; ci < rcols.size(); ++ci) {
        ImGui::TableNextColumn();
        const std::string text = runs.text(rcols[ci]->name, row);
        if (ci == 0) {
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
  }
  if (!st.message.empty()) ImGui::TextColored(ImVec4(1, .4f, .4f, 1), "%s", st.message.c_str());
  return open;
}

}  // namespace sd::viz
