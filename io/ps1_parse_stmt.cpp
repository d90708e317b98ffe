// Parsing statements, pipelines and commands of a runbook script; see ps1_parser.h.
#include <algorithm>
#include <cctype>

#include "io/ps1_parser.h"
#include "io/text_case.h"

namespace drsim::ps1 {

namespace {
constexpr int kMaxDepth = 100;  // nesting of blocks and expressions: a runbook needs a few
constexpr size_t kMaxErrors = 100;

constexpr std::string_view kDashes[] = {"\u2013", "\u2014", "\u2015"};
constexpr std::string_view kSingleQuotes[] = {"\u2018", "\u2019", "\u201a", "\u201b"};
constexpr std::string_view kDoubleQuotes[] = {"\u201c", "\u201d", "\u201e"};
bool starts(const std::string& s, size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

// Keywords PowerShell has and drsim does not rehearse: the statement is skipped by its braces
// and fails when it runs.
const char* const kUnsupportedKeywords[] = {"switch",   "trap",          "class",        "enum",
                                            "workflow", "configuration", "data",         "filter",
                                            "parallel", "sequence",      "inlinescript", "using"};
const char* const kKeywords[] = {"if",    "foreach",  "for",   "while", "do",
                                 "try",   "function", "throw", "exit",  "return",
                                 "break", "continue", "param"};
// PowerShell's message for a token that cannot start or continue a statement.
std::string unexpected_token(char c) {
  return std::string("Unexpected token '").append(1, c).append("' in expression or statement.");
}

}  // namespace

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string s) { return ascii_lower(std::move(s)); }

size_t Parser::dash_at(size_t i) const {
  if (i < src_.size() && src_[i] == '-') return 1;
  for (std::string_view d : kDashes)
    if (starts(src_, i, d)) return d.size();
  return 0;
}

size_t Parser::quote_at(size_t i, bool* is_double) const {
  if (i >= src_.size()) return 0;
  if (src_[i] == '\'' || src_[i] == '"') {
    *is_double = src_[i] == '"';
    return 1;
  }
  for (std::string_view q : kSingleQuotes)
    if (starts(src_, i, q)) return *is_double = false, q.size();
  for (std::string_view q : kDoubleQuotes)
    if (starts(src_, i, q)) return *is_double = true, q.size();
  return 0;
}

void Parser::skip(bool newlines) {
  newlines = newlines || paren_ > 0;
  while (i_ < src_.size()) {
    const char c = src_[i_];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || (newlines && c == '\n')) {
      ++i_;
    } else if (c == '`' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n'))) {
      i_ += peek(1) == '\n' ? 2 : 3;  // line continuation
    } else if (c == '<' && peek(1) == '#') {
      const size_t close = src_.find("#>", i_ + 2);
      if (close == std::string::npos)
        fail(i_, "Missing closing '#>' of the block comment ('<#' without '#>').");
      i_ = close + 2;
    } else if (c == '#') {
      const size_t from = i_;
      while (i_ < src_.size() && src_[i_] != '\n') ++i_;
      std::string body = src_.substr(from + 1, i_ - from - 1);
      const size_t first = body.find_first_not_of(" \t");
      body = first == std::string::npos ? "" : body.substr(first);
      // `# drsim:` in any case, as PowerShell reads its own `#Requires` in any case.
      if (lower(body.substr(0, 6)) == "drsim:") {
        const size_t text = body.find_first_not_of(" \t\r", 6);
        std::string rest = text == std::string::npos ? "" : body.substr(text);
        while (!rest.empty() && (rest.back() == '\r' || rest.back() == ' ' || rest.back() == '\t'))
          rest.pop_back();
        const TextPosition p = source_.position(from);
        out_->directives.push_back({rest, p.line, p.column});
      }
    } else {
      return;
    }
  }
}

std::string Parser::word() {
  const size_t from = i_;
  while (i_ < src_.size() && (is_name_char(src_[i_]) || src_[i_] == '-' || src_[i_] == '.' ||
                              src_[i_] == ':' || src_[i_] == '\\'))
    ++i_;
  return src_.substr(from, i_ - from);
}

bool Parser::keyword_at(std::string_view kw) const {
  if (src_.size() - i_ < kw.size()) return false;
  for (size_t k = 0; k < kw.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(src_[i_ + k])) != kw[k]) return false;
  const char after = i_ + kw.size() < src_.size() ? src_[i_ + kw.size()] : '\0';
  return !is_name_char(after) && after != '-' && after != '.' && after != ':';
}

NodePtr Parser::make(NodeKind kind, size_t at, std::string text) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->text = std::move(text);
  n->begin = at;
  const TextPosition p = source_.position(at);
  n->line = p.line;
  n->column = p.column;
  return n;
}

void Parser::fail(size_t at, const std::string& message) {
  const TextPosition p = source_.position(std::min(at, src_.size()));
  if (out_->errors.size() < kMaxErrors)
    out_->errors.push_back(Diagnostic{path_, p.line, p.column, false, "", message});
  throw ParseAbort{};
}

void Parser::expect(char c, const std::string& message) {
  skip(true);
  if (peek() != c) fail(i_, message);
  ++i_;
}

void Parser::enter(size_t at) {
  if (++depth_ > kMaxDepth)
    fail(at, "The script nests blocks or expressions deeper than " + std::to_string(kMaxDepth) +
                 " levels (drsim's limit).");
}

NodePtr Parser::script() {
  NodePtr body = make(NodeKind::kBlock, 0);
  while (true) {
    try {
      NodePtr b = block_until('\0');
      for (NodePtr& s : b->kids) body->kids.push_back(std::move(s));
      break;
    } catch (const ParseAbort&) {
      // Go on at the next line, to report what else is wrong (the script will not run).
      depth_ = 0;
      paren_ = 0;
      while (i_ < src_.size() && src_[i_] != '\n') ++i_;
      if (i_ >= src_.size() || out_->errors.size() >= kMaxErrors) break;
    }
  }
  body->end = src_.size();
  return body;
}

NodePtr Parser::block_until(char close) {
  NodePtr b = make(NodeKind::kBlock, i_);
  const int saved_paren = paren_;
  paren_ = 0;  // inside a block, newlines end statements again
  while (true) {
    skip(true);
    while (peek() == ';') {
      ++i_;
      skip(true);
    }
    if (at_end()) {
      if (close != '\0')
        fail(b->begin > 0 ? b->begin - 1 : 0,
             close == '}' ? "Missing closing '}' in statement block or type definition."
                          : "Missing closing ')' in subexpression.");
      break;
    }
    if (peek() == close) {
      ++i_;
      break;
    }
    if (peek() == '}' || peek() == ')')
      fail(i_, unexpected_token(peek()));
    b->kids.push_back(statement());
    if (b->kids.back()->kind == NodeKind::kParamBlock) continue;  // param(...) "body" on one line
    skip(false);
    const char c = peek();
    if (c != '\n' && c != ';' && c != '\0' && c != close && c != '}')
      fail(i_, unexpected_token(c));
  }
  paren_ = saved_paren;
  b->end = i_;
  return b;
}

NodePtr Parser::statement() {
  skip(true);
  const size_t start = i_;
  for (const char* kw : kKeywords)
    if (keyword_at(kw)) return keyword_statement(kw, start);
  for (const char* kw : kUnsupportedKeywords)
    if (keyword_at(kw)) {
      // Skip it whole: up to the end of its braces, or of the line.
      NodePtr n = make(NodeKind::kCommand, start, kw);
      n->text = std::string("\x01") + kw;  // marks an unsupported statement (runbook_interp.cpp)
      int braces = 0;
      while (i_ < src_.size() &&
             !(braces == 0 && src_[i_] == '\n' && i_ > start && src_[i_ - 1] != '`')) {
        if (src_[i_] == '{') ++braces;
        if (src_[i_] == '}' && --braces == 0) {
          ++i_;
          break;
        }
        ++i_;
      }
      close(*n);
      return n;
    }
  return pipeline();
}

NodePtr Parser::pipeline() {
  skip(false);
  const size_t start = i_;
  NodePtr p = make(NodeKind::kPipeline, start);
  const char c = peek();
  bool is_double = false;
  const bool expression_first =
      c == '$' || c == '(' || c == '@' || c == '[' || c == '!' || c == '{' ||
      std::isdigit(static_cast<unsigned char>(c)) || quote_at(i_, &is_double) > 0 ||
      (dash_at(i_) > 0 &&
       (std::isdigit(static_cast<unsigned char>(peek(1))) || dash_operator() == "-not"));
  if (expression_first) {
    NodePtr e = expression();
    skip(false);
    // An assignment: $x = ..., $x += ..., $h.Key = ..., $a[0] = ...
    static const char* ops[] = {"+=", "-=", "*=", "/=", "="};
    for (const char* op : ops) {
      const std::string_view o(op);
      if (src_.compare(i_, o.size(), o) != 0 || (o == "=" && peek(1) == '=')) continue;
      if (e->kind != NodeKind::kVariable && e->kind != NodeKind::kMember &&
          e->kind != NodeKind::kIndex && e->kind != NodeKind::kCast)
        fail(i_,
             "The assignment expression is not valid. The input to an assignment operator must be "
             "an object "
             "that is able to accept assignments, such as a variable or a property.");
      NodePtr a = make(NodeKind::kAssign, start, op);
      i_ += o.size();
      skip(true);
      if (at_end() || peek() == '}' || peek() == ')' || peek() == ';')
        fail(i_, "You must provide a value expression on the right-hand side of the '" +
                     std::string(op) + "' operator.");
      a->kids.push_back(std::move(e));
      a->kids.push_back(statement());
      close(*a);
      return a;
    }
    p->kids.push_back(std::move(e));
  } else {
    p->kids.push_back(command());
  }
  while (true) {
    skip(false);
    if (peek() == '|' && peek(1) != '|') {
      ++i_;
      skip(true);
      if (peek() == '$' || peek() == '(' || quote_at(i_, &is_double) > 0)
        fail(i_, "Expressions are only allowed as the first element of a pipeline.");
      if (at_end() || peek() == '}' || peek() == ')' || peek() == ';')
        fail(i_, "An empty pipe element is not allowed.");
      p->kids.push_back(command());
      continue;
    }
    // Redirection: the output goes to a file or $null, which the rehearsal discards.
    const size_t r =
        (peek() == '*' || std::isdigit(static_cast<unsigned char>(peek()))) && peek(1) == '>' ? 1
                                                                                              : 0;
    if (peek(r) == '>') {
      i_ += r + 1;
      if (peek() == '>') ++i_;
      if (peek() == '&' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
        i_ += 2;  // 2>&1: errors join the output
        continue;
      }
      skip(false);
      if (at_end() || peek() == '\n')
        fail(i_, "Missing file specification after redirection operator.");
      NodePtr target = command_argument();
      NodePtr out = make(NodeKind::kCommand, target->begin, "Out-Null");
      p->kids.push_back(std::move(out));
      continue;
    }
    break;
  }
  close(*p);
  return p;
}

NodePtr Parser::command() {
  skip(false);
  const size_t start = i_;
  NodePtr n = make(NodeKind::kCommand, start);
  if (peek() == '&' || (peek() == '.' && (peek(1) == ' ' || peek(1) == '\t'))) {
    n->call_operator = true;  // & $block, & 'name', . $block
    ++i_;
    skip(false);
  }
  bool is_double = false;
  if (n->call_operator || peek() == '$' || quote_at(i_, &is_double) > 0 || peek() == '(' ||
      peek() == '{') {
    n->quoted_name = true;
    n->kids.push_back(command_argument());  // the command is kids[0]
  } else {
    const size_t from = i_;
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '`' ||
          std::string_view("|;(){}&<>,=\"'").find(c) != std::string_view::npos)
        break;
      ++i_;
    }
    n->text = src_.substr(from, i_ - from);
    if (n->text.empty())
      fail(i_, unexpected_token(peek()));
  }
  enter(start);
  while (true) {
    skip(false);
    const char c = peek();
    if (at_end() || c == '\n' || c == ';' || c == '|' || c == ')' || c == '}' || c == '>' ||
        ((c == '*' || std::isdigit(static_cast<unsigned char>(c))) && peek(1) == '>'))
      break;
    if (c == '&' && peek(1) == '&')
      fail(i_, "The token '&&' is not a valid statement separator in this version.");
    const size_t dash = dash_at(i_);
    if (dash > 0 && (std::isalpha(static_cast<unsigned char>(peek(dash))) || peek(dash) == '_')) {
      const size_t at = i_;
      i_ += dash;
      size_t from = i_;
      while (!at_end() && (is_name_char(peek()) || peek() == '-')) ++i_;
      NodePtr param = make(NodeKind::kParameter, at, src_.substr(from, i_ - from));
      if (peek() == ':') {
        ++i_;
        param->kids.push_back(command_argument());
      }
      close(*param);
      n->kids.push_back(std::move(param));
      continue;
    }
    if (c == '@' && (is_name_char(peek(1)))) {
      NodePtr s = make(NodeKind::kVariable, i_);
      ++i_;
      s->text = word();
      s->splat = true;
      close(*s);
      n->kids.push_back(std::move(s));
      continue;
    }
    n->kids.push_back(command_argument());
  }
  leave();
  close(*n);
  return n;
}

// One argument in command mode, with `a, b, c` making an array.
NodePtr Parser::command_argument() {
  const size_t start = i_;
  auto one = [&]() -> NodePtr {
    bool is_double = false;
    const char c = peek();
    if (c == '$' || c == '(' || c == '@' || c == '{' || quote_at(i_, &is_double) > 0)
      return postfix(primary(), true);
    if (c == '[') return postfix(primary(), true);
    return number_or_word();
  };
  NodePtr first = one();
  if (peek() != ',') return first;
  NodePtr arr = make(NodeKind::kArrayLiteral, start);
  arr->kids.push_back(std::move(first));
  while (peek() == ',') {
    ++i_;
    skip(true);
    arr->kids.push_back(one());
  }
  close(*arr);
  return arr;
}

std::string node_text(const std::string& src, const Node& n) {
  std::string out;
  bool blank = false, newline = false;
  char quote = 0;     // inside a string: its quote
  bool here = false;  // a here-string
  for (size_t k = n.begin; k < n.end && k < src.size(); ++k) {
    const char c = src[k];
    if (quote != 0) {
      // Strings as written (their line breaks shown as blanks).
      out += c == '\n' || c == '\r' ? ' ' : c;
      if (c == '`' && quote == '"' && k + 1 < n.end)
        out += src[++k];
      else if (c == quote &&
               (!here || (k > 0 && src[k - 1] == '\n' && k + 1 < src.size() && src[k + 1] == '@')))
        quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      if (blank && !out.empty()) out += ' ';
      blank = newline = false;
      quote = c;
      here = k > 0 && src[k - 1] == '@';
      out += c;
      continue;
    }
    if (c == '`' && src.find_first_not_of(" \t\r", k + 1) == src.find('\n', k + 1)) {
      k = src.find('\n', k + 1);  // a continuation: the next line joins with a blank
      blank = true;
      continue;
    }
    if (c == '#' &&
        (k == n.begin || src[k - 1] == ' ' || src[k - 1] == '\t' || src[k - 1] == '\n')) {
      while (k + 1 < n.end && src[k + 1] != '\n') ++k;  // a comment inside the statement
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = true;
      newline |= c == '\n';
      continue;
    }
    // A line break between two entries of a block or hashtable separates them: show it as ';'.
    if (newline && !out.empty() &&
        std::string_view("{(|,;=+-").find(out.back()) == std::string_view::npos && c != '}' &&
        c != ')' && c != '|')
      out += ';';
    if (blank && !out.empty()) out += ' ';
    blank = newline = false;
    out += c;
  }
  return out;
}

Script parse_script(const std::string& path, const SourceText& source) {
  Script s;
  Parser p(path, source, &s);
  s.body = p.script();
  return s;
}

}  // namespace drsim::ps1
