// Parsing expressions and strings of a runbook script; see ps1_parser.h.
//
// Precedence, lowest first, as PowerShell's (about_Operator_Precedence): -and -or -xor;
// comparison (-eq ... -like -match -contains -in -is -as -replace -split -join); + -;
// * / %; -f; ..; the comma; unary (-not ! - casts ++ --); postfix (.Member, .Method(),
// [index], ::Static).
#include <cctype>

#include "io/ps1_parser.h"

namespace drsim::ps1 {

namespace {
const char* const kComparison[] = {
    "eq",       "ne",       "gt",          "ge", "lt",    "le",      "like",  "notlike", "match",
    "notmatch", "contains", "notcontains", "in", "notin", "replace", "split", "join"};
const char* const kOther[] = {"and", "or", "xor",  "not", "is",   "isnot",
                              "as",  "f",  "band", "bor", "bxor", "bnot"};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
}  // namespace

std::string Parser::dash_operator() {
  const size_t dash = dash_at(i_);
  if (dash == 0) return "";
  size_t k = i_ + dash;
  while (k < src_.size() && std::isalpha(static_cast<unsigned char>(src_[k]))) ++k;
  if (k < src_.size() && (is_name_char(src_[k]))) return "";
  const std::string name = lower(src_.substr(i_ + dash, k - i_ - dash));
  for (const char* op : kOther)
    if (name == op) return "-" + name;
  for (const char* op : kComparison) {
    if (name == op || name == std::string("i") + op) return std::string("-") + op;
    if (name == std::string("c") + op) return std::string("-c") + op;  // case-sensitive
  }
  return "";
}

NodePtr Parser::expression() {
  enter(i_);
  NodePtr e = binary(0);
  leave();
  return e;
}

// Binary operators of precedence `level` and above.
NodePtr Parser::binary(int level) {
  constexpr int kLevels = 7;
  if (level >= kLevels) return unary();
  const size_t start = i_;
  NodePtr left = binary(level + 1);
  while (true) {
    const size_t save = i_;
    skip(false);
    std::string op;
    const std::string dop = dash_operator();
    const char c = peek();
    switch (level) {
      case 0:
        if (dop == "-and" || dop == "-or" || dop == "-xor") op = dop;
        break;
      case 1:
        if (!dop.empty() && dop != "-and" && dop != "-or" && dop != "-xor" && dop != "-not" &&
            dop != "-f" && dop.rfind("-b", 0) != 0)
          op = dop;
        break;
      case 2:
        if ((c == '+' && peek(1) != '+' && peek(1) != '=') ||
            (dash_at(i_) > 0 && dop.empty() &&
             !std::isalpha(static_cast<unsigned char>(peek(dash_at(i_)))) && peek(1) != '-' &&
             peek(1) != '='))
          op = c == '+' ? "+" : "-";
        break;
      case 3:
        if ((c == '*' || c == '/' || c == '%') && peek(1) != '=') op = std::string(1, c);
        break;
      case 4:
        if (dop == "-f") op = dop;
        break;
      case 5:
        if (c == '.' && peek(1) == '.') op = "..";
        break;
      case 6:
        if (c == ',' && !no_comma_) op = ",";
        break;
      default:
        break;
    }
    if (op.empty()) {
      i_ = save;
      return left;
    }
    i_ += op == "+" || op == "*" || op == "/" || op == "%" || op == "," ? 1
          : op == ".."                                                  ? 2
                       : dash_at(i_) + op.size() - 1;
    skip(true);  // a line may end after an operator
    if (at_end() || peek() == ')' || peek() == '}' || peek() == ';')
      fail(i_, "You must provide a value expression following the '" + op + "' operator.");
    if (op == ",") {
      // a, b, c: one array literal, not nested pairs.
      if (left->kind != NodeKind::kArrayLiteral || left->begin != start) {
        NodePtr arr = make(NodeKind::kArrayLiteral, start);
        arr->kids.push_back(std::move(left));
        left = std::move(arr);
      }
      left->kids.push_back(binary(level + 1));
      close(*left);
      continue;
    }
    NodePtr b = make(NodeKind::kBinary, start, op);
    b->kids.push_back(std::move(left));
    b->kids.push_back(binary(level + 1));
    close(*b);
    left = std::move(b);
  }
}

NodePtr Parser::unary() {
  skip(false);
  const size_t start = i_;
  const std::string dop = dash_operator();
  if (peek() == '!' || dop == "-not" || dop == "-bnot") {
    i_ += peek() == '!' ? 1 : dash_at(i_) + 3;
    skip(true);
    enter(start);
    NodePtr n = make(NodeKind::kUnary, start, "-not");
    n->kids.push_back(unary());
    leave();
    close(*n);
    return n;
  }
  if ((peek() == '+' && peek(1) == '+') || (peek() == '-' && peek(1) == '-')) {
    NodePtr n = make(NodeKind::kUnary, start, src_.substr(i_, 2));
    i_ += 2;
    enter(start);
    n->kids.push_back(unary());
    leave();
    close(*n);
    return n;
  }
  if (peek() == '+' || (dash_at(i_) > 0 && dop.empty())) {
    NodePtr n = make(NodeKind::kUnary, start, peek() == '+' ? "+" : "-");
    i_ += peek() == '+' ? 1 : dash_at(i_);
    enter(start);
    n->kids.push_back(unary());
    leave();
    close(*n);
    return n;
  }
  if (peek() == '[') {
    const size_t close_at = src_.find(']', i_);
    if (close_at == std::string::npos) fail(i_, "Missing ']' after type name.");
    const std::string type = src_.substr(i_ + 1, close_at - i_ - 1);
    i_ = close_at + 1;
    if (peek() == ']') ++i_;  // [string[]]
    if (peek() == ':' && peek(1) == ':') {
      i_ += 2;
      NodePtr n = make(NodeKind::kStaticMember, start, lower(type));
      const std::string member = word();
      if (peek() == '(') {
        NodePtr m = make(NodeKind::kMethod, start, member);
        m->is_static = true;
        m->kids.push_back(std::move(n));
        ++i_;
        ++paren_;
        skip(true);
        while (peek() != ')') {
          const bool saved = no_comma_;
          no_comma_ = true;
          m->kids.push_back(binary(1));
          no_comma_ = saved;
          skip(true);
          if (peek() == ',')
            ++i_, skip(true);
          else if (peek() != ')')
            fail(i_, "Missing closing ')' in method call.");
        }
        --paren_;
        ++i_;
        close(*m);
        return postfix(std::move(m), false);
      }
      n->text += "::" + member;
      close(*n);
      return postfix(std::move(n), false);
    }
    skip(false);
    const char c = peek();
    if (c == '$' || c == '(' || c == '@' || c == '[' || c == '"' || c == '\'' || is_digit(c) ||
        c == '-' || c == '{') {
      NodePtr n = make(NodeKind::kCast, start, lower(type));
      enter(start);
      n->kids.push_back(unary());
      leave();
      close(*n);
      return n;
    }
    NodePtr n = make(NodeKind::kTypeLiteral, start, lower(type));
    close(*n);
    return n;
  }
  return postfix(primary(), false);
}

NodePtr Parser::postfix(NodePtr base, bool in_argument) {
  const size_t start = base->begin;
  while (true) {
    const char c = peek();
    if (c == '.' && peek(1) != '.' && (is_name_char(peek(1)) || peek(1) == '$')) {
      ++i_;
      NodePtr m = make(NodeKind::kMember, start);
      if (peek() == '$') {
        m->kids.push_back(std::move(base));
        m->kids.push_back(variable());
      } else {
        const size_t from = i_;
        while (is_name_char(peek())) ++i_;
        m->text = src_.substr(from, i_ - from);
        m->kids.push_back(std::move(base));
      }
      if (peek() == '(') {
        m->kind = NodeKind::kMethod;
        ++i_;
        ++paren_;
        skip(true);
        while (peek() != ')') {
          const bool saved = no_comma_;
          no_comma_ = true;
          m->kids.push_back(binary(1));
          no_comma_ = saved;
          skip(true);
          if (peek() == ',')
            ++i_, skip(true);
          else if (peek() != ')')
            fail(i_, "Missing closing ')' in method call.");
        }
        --paren_;
        ++i_;
      }
      close(*m);
      base = std::move(m);
    } else if (c == '[' && !in_argument) {
      ++i_;
      ++paren_;
      NodePtr x = make(NodeKind::kIndex, start);
      x->kids.push_back(std::move(base));
      x->kids.push_back(expression());
      --paren_;
      expect(']', "Array index expression is missing or not valid.");
      close(*x);
      base = std::move(x);
    } else if (c == '[' && in_argument) {
      // $a[0] in a command argument: an index too, when right after the value.
      ++i_;
      ++paren_;
      NodePtr x = make(NodeKind::kIndex, start);
      x->kids.push_back(std::move(base));
      x->kids.push_back(expression());
      --paren_;
      expect(']', "Array index expression is missing or not valid.");
      close(*x);
      base = std::move(x);
    } else if (!in_argument && ((c == '+' && peek(1) == '+') || (c == '-' && peek(1) == '-'))) {
      NodePtr p = make(NodeKind::kPostfix, start, src_.substr(i_, 2));
      i_ += 2;
      p->kids.push_back(std::move(base));
      close(*p);
      base = std::move(p);
    } else {
      return base;
    }
  }
}

NodePtr Parser::variable() {
  const size_t start = i_;
  ++i_;  // '$'
  if (peek() == '(') {
    ++i_;
    enter(start);
    NodePtr n = make(NodeKind::kSubExpr, start);
    n->kids.push_back(block_until(')'));
    leave();
    close(*n);
    return n;
  }
  NodePtr n = make(NodeKind::kVariable, start);
  if (peek() == '{') {
    const size_t close_at = src_.find('}', i_);
    if (close_at == std::string::npos) fail(start, "Missing '}' in the variable name '${'.");
    n->text = src_.substr(i_ + 1, close_at - i_ - 1);
    i_ = close_at + 1;
  } else if (peek() == '_' && !is_name_char(peek(1))) {
    n->text = "_";
    ++i_;
  } else if (peek() == '?' || peek() == '$' || peek() == '^') {
    n->text = std::string(1, peek());
    ++i_;
  } else {
    const size_t from = i_;
    while (is_name_char(peek())) ++i_;
    // $env:NAME, $script:name, $global:name
    if (peek() == ':' && i_ > from && is_name_char(peek(1))) {
      ++i_;
      while (is_name_char(peek())) ++i_;
    }
    n->text = src_.substr(from, i_ - from);
  }
  if (n->text.empty())
    fail(start,
         "Variable reference is not valid. '$' was not followed by a valid variable name "
         "character.");
  close(*n);
  return n;
}

NodePtr Parser::primary() {
  skip(false);
  const size_t start = i_;
  const char c = peek();
  bool is_double = false;
  if (c == '$') return variable();
  if (c == '@' && (peek(1) == '\'' || peek(1) == '"')) return quoted();
  if (quote_at(i_, &is_double) > 0) return quoted();
  if (c == '@' && peek(1) == '(') {
    i_ += 2;
    enter(start);
    NodePtr n = make(NodeKind::kArrayExpr, start);
    n->kids.push_back(block_until(')'));
    leave();
    close(*n);
    return n;
  }
  if (c == '@' && peek(1) == '{') return hash_literal();
  if (c == '(') {
    ++i_;
    ++paren_;
    enter(start);
    const bool saved_comma = no_comma_;
    no_comma_ = false;
    NodePtr n = make(NodeKind::kParen, start);
    skip(true);
    if (peek() == ')') fail(i_, "An expression was expected after '('.");
    n->kids.push_back(statement());
    no_comma_ = saved_comma;
    --paren_;
    leave();
    expect(')', "Missing closing ')' in expression.");
    close(*n);
    return n;
  }
  if (c == '{') {
    NodePtr n = make(NodeKind::kScriptBlock, start);
    n->kids.push_back(braced_block());
    close(*n);
    return n;
  }
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
    while (!at_end() &&
           (std::isalnum(static_cast<unsigned char>(peek())) || (peek() == '.' && peek(1) != '.')))
      ++i_;
    NodePtr n = make(NodeKind::kNumber, start, src_.substr(start, i_ - start));
    close(*n);
    return n;
  }
  if (at_end() || c == '\n')
    fail(i_, "An expression was expected after this point (the line ends).");
  size_t k = i_;
  while (k < src_.size() && is_name_char(src_[k])) ++k;
  const std::string token = k > i_ ? src_.substr(i_, k - i_) : std::string(1, c);
  fail(i_, "Unexpected token '" + token + "' in expression or statement.");
}

NodePtr Parser::hash_literal() {
  const size_t start = i_;
  i_ += 2;
  enter(start);
  NodePtr n = make(NodeKind::kHash, start);
  const int saved = paren_;
  paren_ = 0;
  while (true) {
    skip(true);
    while (peek() == ';') ++i_, skip(true);
    if (peek() == '}') break;
    if (at_end()) fail(start, "Missing closing '}' in hash literal.");
    bool is_double = false;
    NodePtr key;
    if (quote_at(i_, &is_double) > 0 || peek() == '$' || peek() == '(') {
      key = primary();
    } else {
      const size_t from = i_;
      while (!at_end() && (is_name_char(peek()) || peek() == '-' || peek() == '.')) ++i_;
      if (i_ == from) fail(i_, "Missing key before '=' in hash literal.");
      key = make(NodeKind::kString, from, src_.substr(from, i_ - from));
      close(*key);
    }
    skip(false);
    if (peek() != '=') fail(i_, "Missing '=' operator after key in hash literal.");
    ++i_;
    skip(true);
    n->kids.push_back(std::move(key));
    n->kids.push_back(statement());
    skip(false);
    if (peek() != ';' && peek() != '\n' && peek() != '}' && peek() != '\r')
      fail(i_, "Missing statement after '=' in hash literal.");
  }
  ++i_;
  paren_ = saved;
  leave();
  close(*n);
  return n;
}

// A bare word in command mode: a number, a string, or (with '$' in it) an expandable string.
NodePtr Parser::number_or_word() {
  const size_t start = i_;
  bool has_dollar = false;
  while (!at_end()) {
    const char c = peek();
    bool q = false;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '|' || c == ';' ||
        c == '(' || c == ')' || c == '{' || c == '}' || c == '`' || quote_at(i_, &q) > 0 ||
        (c == '>'))
      break;
    if (c == '$') has_dollar = true;
    ++i_;
  }
  if (i_ == start)
    fail(i_, std::string("Unexpected token '") + peek() + "' in expression or statement.");
  if (has_dollar) return expandable(start, i_);
  const std::string w = src_.substr(start, i_ - start);
  bool numeric = is_digit(w[0]) || (w.size() > 1 && (w[0] == '-' || w[0] == '.') && is_digit(w[1]));
  for (char ch : w) numeric &= is_digit(ch) || ch == '.' || ch == '-';
  NodePtr n = make(numeric ? NodeKind::kNumber : NodeKind::kString, start, w);
  close(*n);
  return n;
}

}  // namespace drsim::ps1
