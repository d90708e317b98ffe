// The runbook parser's internals, shared by its two files: statements, pipelines and commands
// (io/ps1_parse_stmt.cpp), expressions and strings (io/ps1_parse_expr.cpp). Internal to
// io/; the tree it builds is io/ps1_syntax.h.
//
// PowerShell reads a line two ways: in command mode (`Set-CsEdgeServer -Identity edge01`,
// where bare words are strings) and in expression mode (`$a -eq 'x'`, where they are not).
// Like PowerShell's own parser this one works on characters and chooses the mode from where
// it is, instead of splitting the text into tokens first.
#pragma once

#include <string>
#include <string_view>

#include "io/ps1_syntax.h"

namespace drsim::ps1 {

// Thrown at a parse error, after it was recorded: the statement is abandoned and the parser
// goes on at the next line.
struct ParseAbort {};

class Parser {
 public:
  Parser(const std::string& path, const SourceText& source, Script* out)
      : path_(path), source_(source), src_(source.utf8()), out_(out) {}
  NodePtr script();

  // Statements (ps1_parse_stmt.cpp).
  NodePtr block_until(char close);  // statements up to `close` (consumed) or the end ('\0')
  NodePtr statement();
  NodePtr pipeline();
  NodePtr command();
  NodePtr command_argument();
  NodePtr braced_block();  // '{' statements '}'
  NodePtr keyword_statement(const std::string& kw, size_t start);
  NodePtr param_block();

  // Expressions (ps1_parse_expr.cpp).
  NodePtr expression();
  NodePtr binary(int level);
  NodePtr unary();
  NodePtr postfix(NodePtr base, bool in_argument);
  NodePtr primary();
  NodePtr variable();
  NodePtr quoted();
  NodePtr expandable(size_t from, size_t to);  // a bare word with '$' in it
  NodePtr hash_literal();
  NodePtr number_or_word();
  std::string dash_operator();  // at i_: "-eq" etc. (lower case, i-prefix dropped), or ""

  // Characters.
  char peek(size_t k = 0) const { return i_ + k < src_.size() ? src_[i_ + k] : '\0'; }
  bool at_end() const { return i_ >= src_.size(); }
  size_t dash_at(size_t i) const;
  size_t quote_at(size_t i, bool* is_double) const;
  // Skips blanks, comments and backtick line continuations; newlines too when `newlines`
  // (or inside parentheses, where PowerShell ignores them).
  void skip(bool newlines);
  std::string word();                          // letters, digits, '_' , '-' ...: a name
  bool keyword_at(std::string_view kw) const;  // the word at i_ is kw, case-insensitive

  NodePtr make(NodeKind kind, size_t at, std::string text = {});
  void close(Node& n) { n.end = i_; }
  [[noreturn]] void fail(size_t at, const std::string& message);
  void expect(char c, const std::string& message);
  void enter(size_t at);  // nesting depth, bounded
  void leave() { --depth_; }

  const std::string& path_;
  const SourceText& source_;
  const std::string& src_;
  Script* out_;
  size_t i_ = 0;
  int depth_ = 0;
  int paren_ = 0;  // open parentheses: newlines are blanks inside them
  bool no_comma_ =
      false;  // a parameter's default or a method's argument: ',' separates, not an array
};

bool is_name_char(char c);
std::string lower(std::string s);

}  // namespace drsim::ps1
