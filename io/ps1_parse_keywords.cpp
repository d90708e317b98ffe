// Parsing PowerShell's keyword statements in a runbook: if/elseif/else, foreach, for, while,
// do/while and do/until, try/catch/finally, function and param blocks, throw, exit, return,
// break and continue. See ps1_parser.h; the rest of the statements are ps1_parse_stmt.cpp.
#include <cctype>

#include "io/ps1_parser.h"

namespace drsim::ps1 {

NodePtr Parser::braced_block() {
  expect('{', "Missing opening '{' of a statement block.");
  enter(i_);
  NodePtr b = block_until('}');
  leave();
  return b;
}

// A parenthesised condition: '(' pipeline ')'.
static NodePtr condition(Parser& p, const char* what) {
  p.expect('(', std::string("Missing '(' after '") + what + "' in " + what + " statement.");
  ++p.paren_;
  p.skip(true);
  if (p.peek() == ')') p.fail(p.i_, std::string("Missing condition in ") + what + " statement.");
  NodePtr c = p.pipeline();
  --p.paren_;
  p.expect(')', std::string("Missing closing ')' after expression in '") + what + "' statement.");
  return c;
}

NodePtr Parser::keyword_statement(const std::string& kw, size_t start) {
  i_ += kw.size();
  enter(start);
  NodePtr n;
  if (kw == "if") {
    n = make(NodeKind::kIf, start);
    n->kids.push_back(condition(*this, "if"));
    n->kids.push_back(braced_block());
    while (true) {
      const size_t save = i_;
      skip(true);
      if (keyword_at("elseif")) {
        i_ += 6;
        n->kids.push_back(condition(*this, "elseif"));
        n->kids.push_back(braced_block());
      } else if (keyword_at("else")) {
        i_ += 4;
        n->kids.push_back(braced_block());
        n->has_else = true;
        break;
      } else {
        i_ = save;
        break;
      }
    }
  } else if (kw == "foreach") {
    n = make(NodeKind::kForeach, start);
    expect('(', "Missing opening '(' after keyword 'foreach'.");
    ++paren_;
    skip(true);
    if (peek() != '$') fail(i_, "Missing variable name after foreach.");
    ++i_;
    n->text = word();
    skip(true);
    if (!keyword_at("in")) fail(i_, "Missing 'in' after variable in foreach loop.");
    i_ += 2;
    skip(true);
    n->kids.push_back(pipeline());
    --paren_;
    expect(')', "Missing closing ')' in foreach statement.");
    n->kids.push_back(braced_block());
  } else if (kw == "while") {
    n = make(NodeKind::kWhile, start);
    n->kids.push_back(condition(*this, "while"));
    n->kids.push_back(braced_block());
  } else if (kw == "do") {
    n = make(NodeKind::kDoWhile, start);
    n->kids.push_back(braced_block());
    skip(true);
    if (keyword_at("while"))
      i_ += 5;
    else if (keyword_at("until"))
      i_ += 5, n->until = true;
    else
      fail(i_, "Missing 'while' or 'until' in do loop.");
    n->kids.push_back(condition(*this, n->until ? "until" : "while"));
  } else if (kw == "for") {
    n = make(NodeKind::kFor, start);
    expect('(', "Missing opening '(' after keyword 'for'.");
    for (int part = 0; part < 3; ++part) {
      skip(true);
      const char end = part < 2 ? ';' : ')';
      if (peek() == end)
        n->kids.push_back(make(NodeKind::kBlock, i_));
      else
        n->kids.push_back(statement());
      expect(end, part < 2 ? "Missing ';' in the for statement."
                           : "Missing closing ')' after expression in 'for' statement.");
    }
    n->kids.push_back(braced_block());
  } else if (kw == "try") {
    n = make(NodeKind::kTry, start);
    n->kids.push_back(braced_block());
    bool any = false;
    while (true) {
      const size_t save = i_;
      skip(true);
      if (keyword_at("catch")) {
        NodePtr c = make(NodeKind::kCatch, i_);
        i_ += 5;
        skip(false);
        std::string types;
        while (peek() == '[') {  // catch [System.Exception], [Other] { }
          const size_t close_at = src_.find(']', i_);
          if (close_at == std::string::npos) fail(i_, "Missing ']' after type name.");
          types += (types.empty() ? "" : " ") + src_.substr(i_ + 1, close_at - i_ - 1);
          i_ = close_at + 1;
          skip(true);
          if (peek() == ',') ++i_, skip(true);
        }
        c->text = types;
        c->kids.push_back(braced_block());
        n->kids.push_back(std::move(c));
        any = true;
      } else if (keyword_at("finally")) {
        NodePtr f = make(NodeKind::kFinally, i_);
        i_ += 7;
        f->kids.push_back(braced_block());
        n->kids.push_back(std::move(f));
        any = true;
        break;
      } else {
        i_ = save;
        break;
      }
    }
    if (!any) fail(i_, "The Try statement is missing its Catch or Finally block.");
  } else if (kw == "function") {
    n = make(NodeKind::kFunction, start);
    skip(false);
    n->text = word();
    if (n->text.empty()) fail(i_, "Missing function name after the 'function' keyword.");
    skip(false);
    if (peek() == '(') {  // function Name($a, $b) { }
      n->kids.push_back(param_block());
      n->kids.push_back(braced_block());
    } else {
      NodePtr body = braced_block();
      // A param block is the body's first statement, if any.
      NodePtr params = make(NodeKind::kParamBlock, body->begin);
      if (!body->kids.empty() && body->kids[0]->kind == NodeKind::kParamBlock) {
        params = std::move(body->kids[0]);
        body->kids.erase(body->kids.begin());
      }
      n->kids.push_back(std::move(params));
      n->kids.push_back(std::move(body));
    }
  } else if (kw == "param") {
    n = param_block();
    n->begin = start;
  } else {
    static const std::pair<const char*, NodeKind> kinds[] = {{"throw", NodeKind::kThrow},
                                                             {"exit", NodeKind::kExit},
                                                             {"return", NodeKind::kReturn},
                                                             {"break", NodeKind::kBreak},
                                                             {"continue", NodeKind::kContinue}};
    for (const auto& [name, kind] : kinds)
      if (kw == name) n = make(kind, start);
    skip(false);
    const char c = peek();
    if ((n->kind == NodeKind::kThrow || n->kind == NodeKind::kExit ||
         n->kind == NodeKind::kReturn) &&
        c != '\0' && c != '\n' && c != ';' && c != '}' && c != ')')
      n->kids.push_back(pipeline());
  }
  leave();
  close(*n);
  return n;
}

// param( [type] $name = default, ... ), attributes such as [Parameter(Mandatory)] skipped.
NodePtr Parser::param_block() {
  NodePtr n = make(NodeKind::kParamBlock, i_);
  expect('(', "Missing '(' in the param block.");
  ++paren_;
  while (true) {
    skip(true);
    if (peek() == ')') break;
    NodePtr d = make(NodeKind::kParamDecl, i_);
    while (peek() == '[') {
      int depth = 0;
      const size_t from = i_;
      do {
        if (peek() == '[') ++depth;
        if (peek() == ']') --depth;
        ++i_;
      } while (!at_end() && depth > 0);
      const std::string t = lower(src_.substr(from + 1, i_ - from - 2));
      if (t.find('(') == std::string::npos) d->type_name = t;  // a type, not an attribute
      skip(true);
    }
    if (peek() != '$') fail(i_, "Missing a parameter variable in the param block.");
    ++i_;
    d->text = word();
    skip(true);
    if (peek() == '=') {
      ++i_;
      skip(true);
      no_comma_ = true;  // `$a = 1, [string]$b`: the comma ends the default
      d->kids.push_back(expression());
      no_comma_ = false;
    }
    close(*d);
    n->kids.push_back(std::move(d));
    skip(true);
    if (peek() == ',')
      ++i_;
    else if (peek() != ')')
      fail(i_, "Missing ')' in function parameter list.");
  }
  --paren_;
  ++i_;
  close(*n);
  return n;
}

}  // namespace drsim::ps1
