// The runbook lexer; see ps1_lexer.h.
#include "io/ps1_lexer.h"

#include <cctype>
#include <string_view>

namespace drsim::ps1 {

namespace {
bool is_special(char c) { return std::string_view("|;{}()[]@&<>,").find(c) != std::string_view::npos; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

void Lexer::run() {
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == ' ' || c == '\t' || c == '\r') {
      advance();
    } else if (c == '\n') {
      finish();
      advance();
    } else if (c == '#') {
      comment();
    } else if (c == '<' && peek(1) == '#') {
      block_comment();
    } else if (cur_.bad) {
      advance();  // skip the rest of a statement already in error
    } else if (c == '`') {
      continuation();
    } else {
      token();
    }
  }
  finish();
}

void Lexer::advance() {
  if (src_[i_] == '\n') {
    ++line_;
    col_ = 1;
  } else {
    ++col_;
  }
  ++i_;
}

void Lexer::error(int line, int col, const std::string& msg) {
  diags_->push_back(Diagnostic{path_, line, col, false, "", msg});
  cur_.bad = true;
}

void Lexer::finish() {
  if (!cur_.tokens.empty() || cur_.bad) statements.push_back(cur_);
  cur_ = Statement{};
}

void Lexer::start_token() {
  if (cur_.tokens.empty()) cur_.begin = i_;
}

void Lexer::comment() {
  const int line = line_, col = col_;
  const size_t from = i_ + 1;
  while (i_ < src_.size() && src_[i_] != '\n') advance();
  std::string body = src_.substr(from, i_ - from);
  const size_t first = body.find_first_not_of(" \t");
  body = first == std::string::npos ? "" : body.substr(first);
  if (body.rfind("drsim:", 0) == 0) {
    const size_t text = body.find_first_not_of(" \t", 6);
    directives.push_back({text == std::string::npos ? "" : body.substr(text), line, col});
  }
}

void Lexer::block_comment() {
  const int line = line_, col = col_;
  const size_t close = src_.find("#>", i_ + 2);
  if (close == std::string::npos) {
    error(line, col, "unterminated block comment: '<#' without '#>'");
    while (i_ < src_.size()) advance();
    return;
  }
  while (i_ < close + 2) advance();
}

// A backtick at the end of a line continues the command on the next line.
void Lexer::continuation() {
  size_t k = i_ + 1;
  while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t' || src_[k] == '\r')) ++k;
  if (k < src_.size() && src_[k] != '\n') {
    error(line_, col_, "unsupported construct: a backtick escape outside a string (only line continuation)");
    return;
  }
  while (i_ <= k && i_ < src_.size()) advance();
}

void Lexer::token() {
  start_token();
  Token t;
  t.line = line_;
  t.column = col_;
  const char c = src_[i_];
  if (is_special(c)) {
    error(line_, col_, std::string("unsupported construct '") + c + "': drsim rehearses one command per line "
                       "(no pipelines, blocks, sub-expressions, arrays or redirection)");
    return;
  }
  if (c == '=') {
    t.kind = Token::Kind::kEquals;
    advance();
  } else if (c == '-' && std::isalpha(static_cast<unsigned char>(peek(1)))) {
    advance();
    t.kind = Token::Kind::kParam;
    t.text = name();
    if (peek(0) == ':') {
      advance();
      Token v;
      if (!value(&v)) return;
      t.has_inline = true;
      t.inline_kind = v.kind;
      t.inline_text = v.text;
    }
  } else if (!value(&t)) {
    return;
  }
  cur_.tokens.push_back(t);
  cur_.end = i_;
}

std::string Lexer::name() {
  const size_t from = i_;
  while (i_ < src_.size() && is_name_char(src_[i_])) advance();
  return src_.substr(from, i_ - from);
}

// A word, a quoted string or a variable.
bool Lexer::value(Token* t) {
  t->line = line_;
  t->column = col_;
  const char c = peek(0);
  if (c == '\'' || c == '"') return quoted(t, c);
  if (c == '$') {
    advance();
    t->kind = Token::Kind::kVariable;
    if (peek(0) == '(') {
      error(t->line, t->column, "unsupported construct '$(...)': sub-expressions are not rehearsed");
      return false;
    }
    if (peek(0) == '{') {
      advance();
      t->text = name();
      if (peek(0) != '}') {
        error(t->line, t->column, "unterminated variable name '${'");
        return false;
      }
      advance();
    } else {
      t->text = name();
    }
    if (t->text.empty()) {
      error(t->line, t->column, "a '$' must start a variable name");
      return false;
    }
    return true;
  }
  t->kind = Token::Kind::kWord;
  const size_t from = i_;
  while (i_ < src_.size()) {
    const char d = src_[i_];
    if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '\'' || d == '"' || d == '`' || d == '=' ||
        is_special(d) || (d == '#' && i_ == from))
      break;
    advance();
  }
  t->text = src_.substr(from, i_ - from);
  if (t->text.empty()) {
    error(line_, col_, std::string("unexpected character '") + c + "'");
    return false;
  }
  return true;
}

bool Lexer::quoted(Token* t, char q) {
  t->kind = q == '"' ? Token::Kind::kExpand : Token::Kind::kString;
  advance();
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == '\n') break;
    if (c == q && peek(1) == q) {  // '' or "" inside the string
      t->text += q;
      advance();
      advance();
      continue;
    }
    if (c == q) {
      advance();
      return true;
    }
    if (q == '"' && c == '`' && i_ + 1 < src_.size() && src_[i_ + 1] != '\n') {
      advance();
      const char e = src_[i_];
      t->text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      advance();
      continue;
    }
    t->text += c;
    advance();
  }
  error(t->line, t->column, "the string is missing the terminator: " + std::string(1, q));
  return false;
}

// The command as written: continuation lines joined, runs of blanks collapsed.
std::string statement_text(const std::string& src, const Statement& s) {
  std::string out;
  bool blank = false;
  for (size_t k = s.begin; k < s.end && k < src.size(); ++k) {
    char c = src[k];
    if (c == '`' && src.find_first_not_of(" \t\r", k + 1) == src.find('\n', k + 1)) continue;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

}  // namespace drsim::ps1
