// Parsing strings of a runbook script: '...' (literal, '' is a quote), "..." (expandable:
// $name, ${name}, $(...); backtick escapes; "" is a quote), here-strings @'...'@ and
// @"..."@, and bare words with '$' in them (Registrar:$pool). See ps1_parser.h.
//
// As in PowerShell, "$x.Name" expands $x only (the ".Name" stays text: a classic runbook
// bug that the rehearsal shows as PowerShell would), and a string may span lines.
#include "io/ps1_parser.h"

namespace drsim::ps1 {

namespace {
char escaped(char e) {
  switch (e) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'a':
      return '\a';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    default:
      return e;
  }
}

// Appends literal text to the pieces of an expandable string.
void add_text(Node& n, const std::string& text, size_t at) {
  if (!n.kids.empty() && n.kids.back()->kind == NodeKind::kString && n.kids.back()->end == 0) {
    n.kids.back()->text += text;
    return;
  }
  auto s = std::make_unique<Node>();
  s->kind = NodeKind::kString;
  s->text = text;
  s->begin = at;
  s->line = n.line;
  s->column = n.column;
  n.kids.push_back(std::move(s));
}
}  // namespace

// The text of an expandable piece list when it has no expansion: a plain string.
static NodePtr simplify(NodePtr n) {
  for (const NodePtr& k : n->kids)
    if (k->kind != NodeKind::kString) return n;
  std::string text;
  for (const NodePtr& k : n->kids) text += k->text;
  n->kind = NodeKind::kString;
  n->text = std::move(text);
  n->kids.clear();
  return n;
}

NodePtr Parser::quoted() {
  const size_t start = i_;
  bool here = false, is_double = false;
  if (peek() == '@') {
    here = true;
    is_double = peek(1) == '"';
    i_ += 2;
    while (peek() == ' ' || peek() == '\t' || peek() == '\r') ++i_;
    if (peek() != '\n')
      fail(i_,
           "No characters are allowed after a here-string header but before the end of the line.");
    ++i_;
  } else {
    i_ += quote_at(i_, &is_double);
  }
  NodePtr n = make(is_double ? NodeKind::kExpandable : NodeKind::kString, start);
  std::string text;
  const auto flush = [&]() {
    if (text.empty()) return;
    if (is_double)
      add_text(*n, text, i_);
    else
      n->text += text;
    text.clear();
  };
  while (true) {
    if (at_end()) {
      const char* terminator = here ? (is_double ? "\"@" : "'@") : (is_double ? "\"" : "'");
      fail(start,
           std::string("The string is missing the terminator: ").append(terminator).append("."));
    }
    const char c = peek();
    if (here) {
      // The terminator is "@ or '@ at the start of a line.
      if (c == '\n' && peek(1) == (is_double ? '"' : '\'') && peek(2) == '@') {
        if (!text.empty() && text.back() == '\r') text.pop_back();
        i_ += 3;
        break;
      }
    } else {
      bool kind = false;
      const size_t q = quote_at(i_, &kind);
      if (q > 0 && kind == is_double) {
        const size_t q2 = quote_at(i_ + q, &kind);
        if (q2 > 0 && kind == is_double) {  // '' or "" inside the string
          text += is_double ? '"' : '\'';
          i_ += q + q2;
          continue;
        }
        i_ += q;
        break;
      }
    }
    if (is_double && c == '`' && i_ + 1 < src_.size()) {
      text += escaped(src_[i_ + 1]);
      i_ += 2;
      continue;
    }
    if (is_double && c == '$' &&
        (peek(1) == '(' || peek(1) == '{' || is_name_char(peek(1)) || peek(1) == '?')) {
      flush();
      n->kids.push_back(variable());
      continue;
    }
    text += c;
    ++i_;
  }
  flush();
  // Pieces are closed by their end offset; mark the last literal piece closed too.
  for (NodePtr& k : n->kids)
    if (k->kind == NodeKind::kString && k->end == 0) k->end = k->begin + k->text.size();
  close(*n);
  return is_double ? simplify(std::move(n)) : std::move(n);
}

NodePtr Parser::expandable(size_t from, size_t to) {
  const size_t saved = i_;
  i_ = from;
  NodePtr n = make(NodeKind::kExpandable, from);
  std::string text;
  while (i_ < to) {
    const char c = peek();
    if (c == '$' && (peek(1) == '(' || peek(1) == '{' || is_name_char(peek(1)))) {
      if (!text.empty()) add_text(*n, text, i_), text.clear();
      n->kids.push_back(variable());
      continue;
    }
    text += c;
    ++i_;
  }
  if (!text.empty()) add_text(*n, text, i_);
  for (NodePtr& k : n->kids)
    if (k->kind == NodeKind::kString && k->end == 0) k->end = k->begin + k->text.size();
  i_ = std::max(i_, saved);
  close(*n);
  return simplify(std::move(n));
}

}  // namespace drsim::ps1
