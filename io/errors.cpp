// Formatting of diagnostics; see errors.h.
#include "io/errors.h"

namespace drsim {

std::string Diagnostic::format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column > 0 ? column : 1);
  out += is_warning ? ": warning: " : ": error: ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

namespace {
// Past this many errors the rest are counted, not listed: a broken or hostile input (a
// megabyte of junk) would otherwise print tens of thousands of lines.
constexpr size_t kMaxListedErrors = 100;

std::vector<Diagnostic> capped(std::vector<Diagnostic> ds, size_t not_listed) {
  size_t errors = 0;
  std::vector<Diagnostic> out;
  for (Diagnostic& d : ds) {
    if (!d.is_warning && ++errors > kMaxListedErrors) {
      ++not_listed;
      continue;
    }
    out.push_back(std::move(d));
  }
  if (not_listed > 0) {
    const std::string file = out.empty() ? std::string() : out.front().file;
    out.push_back(Diagnostic{file, 0, 0, false, "",
                             "and " + std::to_string(not_listed) + " more errors not shown"});
  }
  return out;
}

std::string join(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) {
    if (d.is_warning) continue;
    if (!out.empty()) out += "\n";
    out += d.format();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics, size_t not_listed)
    : InputError(Capped{}, capped(std::move(diagnostics), not_listed)) {}

InputError::InputError(Capped, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(std::string file, std::string message)
    : InputError(std::vector<Diagnostic>{
          Diagnostic{std::move(file), 0, 0, false, "", std::move(message)}}) {}

}  // namespace drsim
