// Operating errors at the I/O edge: bad input files and unwritable outputs.
//
// A Diagnostic places one finding at file:line:col with the field it concerns and the rule
// broken. InputError carries every error found in one input, so the user sees them all at
// once; the CLI prints them and exits 2. OutputError is an output that could not be written
// (exit 1), with nothing half-written left behind.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace drsim {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  bool is_warning = false;
  std::string field;    // "pools[0].backup_pool", or empty for syntax errors
  std::string message;  // the rule broken

  // "file:line:col: error: field: message"
  std::string format() const;
};

class InputError : public std::runtime_error {
 public:
  // Keeps the first 100 errors (and every warning) and counts the rest, with `not_listed`
  // errors the caller found but did not place, in a last "and N more errors not shown".
  explicit InputError(std::vector<Diagnostic> diagnostics, size_t not_listed = 0);
  InputError(std::string file, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  struct Capped {};
  InputError(Capped, std::vector<Diagnostic> diagnostics);
  std::vector<Diagnostic> diagnostics_;
};

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace drsim
