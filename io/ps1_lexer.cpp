// The runbook lexer; see ps1_lexer.h.
#include "io/ps1_lexer.h"

#include <cctype>
#include <string_view>

namespace drsim::ps1 {

namespace {
bool is_special(char c) { return std::string_view("|;{}()[]@&<>,").find(c) != std::string_view::npos; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// PowerShell's dashes and quotes beyond ASCII, in UTF-8 (all three bytes, E2 80 xx).
constexpr std::string_view kDashes[] = {"\u2013", "\u2014", "\u2015"};
constexpr std::string_view kSingleQuotes[] = {"\u2018", "\u2019", "\u201a", "\u201b"};
constexpr std::string_view kDoubleQuotes[] = {"\u201c", "\u201d", "\u201e"};

bool at(const std::string& s, size_t i, std::string_view what) { return s.compare(i, what.size(), what) == 0; }
}  // namespace

// Bytes of the dash at i ('-' or a Unicode dash), 0 when none.
size_t Lexer::dash_at(size_t i) const {
  if (i < src_.size() && src_[i] == '-') return 1;
  for (std::string_view d : kDashes)
    if (at(src_, i, d)) return d.size();
  return 0;
}

// Bytes of the quote at i (ASCII or curly), 0 when none; *is_double says which kind.
size_t Lexer::quote_at(size_t i, bool* is_double) const {
  if (i >= src_.size()) return 0;
  if (src_[i] == '\'' || src_[i] == '"') {
    *is_double = src_[i] == '"';
    return 1;
  }
  for (std::string_view q : kSingleQuotes)
    if (at(src_, i, q)) return *is_double = false, q.size();
  for (std::string_view q : kDoubleQuotes)
    if (at(src_, i, q)) return *is_double = true, q.size();
  return 0;
}

void Lexer::run() {
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i_;
    } else if (c == '\n') {
      finish();
      ++i_;
    } else if (c == '#') {
      comment();
    } else if (c == '<' && peek(1) == '#') {
      block_comment();
    } else if (cur_.bad) {
      ++i_;  // skip the rest of a statement already in error
    } else if (c == '`') {
      continuation();
    } else {
      token();
    }
  }
  finish();
}

void Lexer::error(const TextPosition& p, const std::string& msg) {
  diags_->push_back(Diagnostic{path_, p.line, p.column, false, "", msg});
  cur_.bad = true;
}

void Lexer::finish() {
  if (!cur_.tokens.empty() || cur_.bad) statements.push_back(cur_);
  cur_ = Statement{};
}

void Lexer::comment() {
  const TextPosition p = here();
  const size_t from = i_ + 1;
  while (i_ < src_.size() && src_[i_] != '\n') ++i_;
  std::string body = src_.substr(from, i_ - from);
  const size_t first = body.find_first_not_of(" \t");
  body = first == std::string::npos ? "" : body.substr(first);
  // `# drsim:` in any case, as PowerShell reads its own `#Requires` in any case.
  std::string head = body.substr(0, 6);
  for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (head == "drsim:") {
    const size_t text = body.find_first_not_of(" \t\r", 6);
    std::string rest = text == std::string::npos ? "" : body.substr(text);
    while (!rest.empty() && (rest.back() == '\r' || rest.back() == ' ' || rest.back() == '\t')) rest.pop_back();
    directives.push_back({rest, p.line, p.column});
  }
}

void Lexer::block_comment() {
  const TextPosition p = here();
  const size_t close = src_.find("#>", i_ + 2);
  if (close == std::string::npos) {
    error(p, "unterminated block comment: '<#' without '#>'");
    i_ = src_.size();
    return;
  }
  i_ = close + 2;
}

// A backtick at the end of a line continues the command on the next line.
void Lexer::continuation() {
  size_t k = i_ + 1;
  while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t' || src_[k] == '\r')) ++k;
  if (k < src_.size() && src_[k] != '\n') {
    error(here(), "unsupported construct: a backtick escape outside a string (only line continuation)");
    return;
  }
  i_ = k + 1;
}

void Lexer::token() {
  if (cur_.tokens.empty()) cur_.begin = i_;
  const size_t from = i_;
  const TextPosition p = here();
  Token t;
  t.line = p.line;
  t.column = p.column;
  const char c = src_[i_];
  const size_t dash = dash_at(i_);
  if (is_special(c)) {
    error(p, std::string("unsupported construct '") + c + "': drsim rehearses one command per line "
             "(no pipelines, blocks, sub-expressions, arrays or redirection)");
    return;
  }
  if (c == '=') {
    t.kind = Token::Kind::kEquals;
    ++i_;
  } else if (dash > 0 && std::isalpha(static_cast<unsigned char>(peek(dash)))) {
    i_ += dash;
    t.kind = Token::Kind::kParam;
    t.text = name();
    if (peek(0) == ':') {
      ++i_;
      Token v;
      if (!value(&v)) return;
      t.has_inline = true;
      t.inline_kind = v.kind;
      t.inline_text = v.text;
    }
  } else if (!value(&t)) {
    return;
  }
  t.width = std::max(1, code_points(src_, from, i_));
  cur_.tokens.push_back(t);
  cur_.end = i_;
}

std::string Lexer::name() {
  const size_t from = i_;
  while (i_ < src_.size() && is_name_char(src_[i_])) ++i_;
  return src_.substr(from, i_ - from);
}

// A word, a quoted string or a variable.
bool Lexer::value(Token* t) {
  const TextPosition p = here();
  t->line = p.line;
  t->column = p.column;
  bool is_double = false;
  if (quote_at(i_, &is_double) > 0) return quoted(t, is_double);
  const char c = peek(0);
  if (c == '$') {
    ++i_;
    t->kind = Token::Kind::kVariable;
    if (peek(0) == '(') {
      error(p, "unsupported construct '$(...)': sub-expressions are not rehearsed");
      return false;
    }
    if (peek(0) == '{') {
      ++i_;
      t->text = name();
      if (peek(0) != '}') {
        error(p, "unterminated variable name '${'");
        return false;
      }
      ++i_;
    } else {
      t->text = name();
    }
    if (t->text.empty()) {
      error(p, "a '$' must start a variable name");
      return false;
    }
    return true;
  }
  t->kind = Token::Kind::kWord;
  const size_t from = i_;
  while (i_ < src_.size()) {
    const char d = src_[i_];
    bool q = false;
    if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '`' || d == '=' || is_special(d) ||
        quote_at(i_, &q) > 0 || (d == '#' && i_ == from))
      break;
    ++i_;
  }
  t->text = src_.substr(from, i_ - from);
  if (t->text.empty()) {
    error(here(), std::string("unexpected character '") + c + "'");
    return false;
  }
  return true;
}

// A quoted string; any quote of the same kind ends it, two of them in a row are one.
bool Lexer::quoted(Token* t, bool is_double) {
  t->kind = is_double ? Token::Kind::kExpand : Token::Kind::kString;
  bool kind = false;
  i_ += quote_at(i_, &kind);
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == '\n') break;
    const size_t q = quote_at(i_, &kind);
    if (q > 0 && kind == is_double) {
      const size_t q2 = quote_at(i_ + q, &kind);
      if (q2 > 0 && kind == is_double) {  // '' or "" inside the string
        t->text += is_double ? '"' : '\'';
        i_ += q + q2;
        continue;
      }
      i_ += q;
      return true;
    }
    if (is_double && c == '`' && i_ + 1 < src_.size() && src_[i_ + 1] != '\n') {
      const char e = src_[++i_];
      t->text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      ++i_;
      continue;
    }
    t->text += c;
    ++i_;
  }
  error(TextPosition{t->line, t->column},
        std::string("the string is missing the terminator: ") + (is_double ? "\"" : "'"));
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
