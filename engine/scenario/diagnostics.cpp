#include "scenario/diagnostics.hpp"

#include <algorithm>
#include <sstream>

#include "core/error.hpp"

namespace sd {

std::string Diagnostic::str() const {
  std::ostringstream os;
  os << where(file, line, column) << ": " << (level == Level::Error ? "error" : "warning") << ": ";
  if (!field.empty()) os << field << ": ";
  os << message;
  return os.str();
}

void Diagnostics::error(std::string file, long line, long col, std::string field,
                        std::string message) {
  items_.push_back(
      {Diagnostic::Level::Error, std::move(file), line, col, std::move(field), std::move(message)});
}

void Diagnostics::warning(std::string file, long line, long col, std::string field,
                          std::string message) {
  items_.push_back({Diagnostic::Level::Warning, std::move(file), line, col, std::move(field),
                    std::move(message)});
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.level == Diagnostic::Level::Error; });
}

std::string Diagnostics::report() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    return a.line < b.line;
  });
  std::ostringstream os;
  std::size_t errors = 0;
  for (const auto& d : sorted) {
    os << d.str() << "\n";
    if (d.level == Diagnostic::Level::Error) ++errors;
  }
  if (errors) os << errors << (errors == 1 ? " error" : " errors") << " found";
  return os.str();
}

void Diagnostics::throw_if_errors() const {
  if (has_errors()) throw InputError(report());
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace sd
