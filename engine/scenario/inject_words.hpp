#pragma once
// The words of an inject one-liner `ACTION key=value ...` (docs/drills.md): split at spaces,
// "double" or 'single' quotes keep spaces inside a value (team="Fire brigade — Wuyuan").
// Header-only and free of engine types, so the viewer's drill scripts split one-liners exactly
// as `stormdrill branch --inject-inline` does.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace sd {

// nullopt (with `why` set) for an unclosed quote.
inline std::optional<std::vector<std::string>> split_inject_words(const std::string& line,
                                                                  std::string& why) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        w += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(w), w.clear();
      in_word = false;
    } else {
      w += c;
      in_word = true;
    }
  }
  if (quote) {
    why = "unclosed quote";
    return std::nullopt;
  }
  if (in_word) words.push_back(w);
  return words;
}

}  // namespace sd
