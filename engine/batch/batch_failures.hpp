#pragma once
// Failed runs of a batch: how many, and a message that says what went wrong. A batch whose
// runs failed compares plans over fewer storms than asked (or none), so the CLI exits 1 after
// writing its outputs, with this message.
#include <cstddef>
#include <string>

namespace sd {

struct BatchResult;

std::size_t failed_runs(const BatchResult& r);
// "batch: 768 of 768 runs failed; the comparison uses the 0 that succeeded. Errors: 768 x
// 'hazard failed: ...'" (the three most frequent distinct messages).
std::string failed_runs_message(const BatchResult& r);

}  // namespace sd
