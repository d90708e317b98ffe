// The lexer of runbook scripts: splits PowerShell text into statements of tokens (words,
// quoted strings, variables, parameters, '=') with their line and column, joins backtick
// continuation lines, drops comments and collects `# drsim:` directives. Internal to
// io/runbook_ps1.cpp; constructs it does not support are errors at their place.
#pragma once

#include <string>
#include <vector>

#include "io/errors.h"

namespace drsim::ps1 {
struct Token {
  enum class Kind { kWord, kString, kExpand, kVariable, kParam, kEquals };
  Kind kind = Kind::kWord;
  std::string text;  // word, string contents, variable or parameter name
  int line = 0, column = 0;
  bool has_inline = false;  // -Name:value
  Kind inline_kind = Kind::kWord;
  std::string inline_text;
};

struct Statement {
  std::vector<Token> tokens;
  size_t begin = 0, end = 0;  // byte range in the source
  bool bad = false;           // the lexer already reported an error in it
};

struct Directive {
  std::string text;  // after "drsim:"
  int line = 0, column = 0;
};

// Splits `src` into statements and directives; errors go to `diagnostics`, and a statement
// with an error is marked bad (its rest is skipped).
class Lexer {
 public:
  Lexer(const std::string& path, const std::string& src, std::vector<Diagnostic>* diagnostics)
      : path_(path), src_(src), diags_(diagnostics) {}
  void run();

  std::vector<Statement> statements;
  std::vector<Directive> directives;

 private:
  char peek(size_t k) const { return i_ + k < src_.size() ? src_[i_ + k] : '\0'; }
  void advance();
  void error(int line, int col, const std::string& msg);
  void finish();
  void start_token();
  void comment();
  void block_comment();
  void continuation();
  void token();
  std::string name();
  bool value(Token* t);
  bool quoted(Token* t, char q);

  const std::string& path_;
  const std::string& src_;
  std::vector<Diagnostic>* diags_;
  size_t i_ = 0;
  int line_ = 1, col_ = 1;
  Statement cur_;
};

// The command as written: continuation lines joined, runs of blanks collapsed.
std::string statement_text(const std::string& src, const Statement& s);

}  // namespace drsim::ps1
