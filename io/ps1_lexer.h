// The lexer of runbook scripts: splits PowerShell text into statements of tokens (words,
// quoted strings, variables, parameters, '=') with their line and column, joins backtick
// continuation lines, drops comments and collects `# drsim:` directives. Internal to
// io/runbook_ps1.cpp; constructs it does not support are errors at their place.
//
// Like PowerShell it takes the en dash, em dash and horizontal bar (U+2013, U+2014, U+2015)
// for '-' before a parameter name, and the curly quotes (U+2018/U+2019/U+201A/U+201B for
// ', U+201C/U+201D/U+201E for ") for quotes: word processors and web pages put them into
// the scripts admins copy. The text comes decoded (io/source_text.h); columns count
// characters.
#pragma once

#include <string>
#include <vector>

#include "io/errors.h"
#include "io/source_text.h"

namespace drsim::ps1 {
struct Token {
  enum class Kind { kWord, kString, kExpand, kVariable, kParam, kEquals };
  Kind kind = Kind::kWord;
  std::string text;  // word, string contents, variable or parameter name
  int line = 0, column = 0;
  int width = 1;  // characters the token spans on its line (for the error's underline)
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

// Splits the source into statements and directives; errors go to `diagnostics`, and a
// statement with an error is marked bad (its rest is skipped). Every error the lexer finds
// is one the script cannot run with (a PowerShell parse error) or a construct drsim does not
// rehearse.
class Lexer {
 public:
  Lexer(const std::string& path, const SourceText& source, std::vector<Diagnostic>* diagnostics)
      : path_(path), source_(source), src_(source.utf8()), diags_(diagnostics) {}
  void run();

  std::vector<Statement> statements;
  std::vector<Directive> directives;

 private:
  char peek(size_t k) const { return i_ + k < src_.size() ? src_[i_ + k] : '\0'; }
  TextPosition here() const { return source_.position(i_); }
  void error(const TextPosition& at, const std::string& msg);
  void finish();
  void comment();
  void block_comment();
  void continuation();
  void token();
  std::string name();
  bool value(Token* t);
  bool quoted(Token* t, bool is_double);
  size_t dash_at(size_t i) const;
  size_t quote_at(size_t i, bool* is_double) const;

  const std::string& path_;
  const SourceText& source_;
  const std::string& src_;
  std::vector<Diagnostic>* diags_;
  size_t i_ = 0;
  Statement cur_;
};

// The command as written: continuation lines joined, runs of blanks collapsed.
std::string statement_text(const std::string& src, const Statement& s);

}  // namespace drsim::ps1
