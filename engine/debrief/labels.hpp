#pragma once
// Headings and labels of the debrief page in the county's language of work: English text is
// the key, the Chinese wording the translation (the shipped county is Chinese-speaking; its
// scenario says `language = "zh"`). Unknown keys fall back to English.
#include <string>

namespace sd::debrief {

std::string tr(const std::string& lang, const std::string& english);

}  // namespace sd::debrief
