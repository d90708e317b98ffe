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

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(std::string file, std::string message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(file), 0, 0, false, "",
                                                    std::move(message)}}) {}

}  // namespace drsim
