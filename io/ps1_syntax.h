// The syntax tree of a runbook script: the PowerShell that DR runbooks use (statements,
// pipelines, commands with parameters and splatting, expressions, strings with expansion,
// if/elseif/else, foreach, for, while, do, try/catch/finally, throw, exit, return, functions).
//
// parse_script (io/ps1_parse_stmt.cpp, expressions in io/ps1_parse_expr.cpp) turns the
// decoded text of a script into this tree; the interpreter (io/runbook_interp.h) walks it.
// A construct PowerShell's parser refuses (a string without its terminator, a '{' without
// '}') is a parse error at file:line:col: the script cannot run at all, as in PowerShell.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/errors.h"
#include "io/source_text.h"

namespace drsim::ps1 {

struct Node;
using NodePtr = std::unique_ptr<Node>;

enum class NodeKind {
  // Expressions.
  kNumber,        // text: the literal (1, 2.5, 0x10, 5mb)
  kString,        // text: a literal string (single-quoted, or a bare word in a command)
  kExpandable,    // kids: kString pieces and expressions ($name, $(...)) joined as text
  kVariable,      // text: the name (no '$'); `splat`: @name in a command
  kArrayExpr,     // @( statements ): kids[0] a kBlock
  kArrayLiteral,  // a, b, c: kids
  kHash,          // @{ k = v; ... }: kids alternate key, value
  kSubExpr,       // $( statements ): kids[0] a kBlock
  kParen,         // ( pipeline ): kids[0]
  kMember,        // kids[0].text (text: the member name; kids[1] when the name is an expression)
  kMethod,        // kids[0].text(kids[1..]); `is_static` for [type]::Name(...)
  kIndex,         // kids[0][kids[1]]
  kUnary,         // text: -not ! - + ++ -- (prefix), kids[0]
  kPostfix,       // text: ++ or --, kids[0]
  kBinary,        // text: the operator in lower case (-eq, +, -and, ..), kids[0], kids[1]
  kCast,          // text: the type name, kids[0]
  kTypeLiteral,   // text: the type name ([datetime] alone)
  kStaticMember,  // text: type::member, for [type]::Name
  kScriptBlock,   // kids[0] a kBlock (its param block, if any, is kids[0].kids[0] as kParamBlock)
  // Commands and pipelines.
  kCommand,    // text: the command name; kids: kParameter, and arguments (expressions)
  kParameter,  // text: the name (no '-'); kids[0] the value of -Name:value
  kPipeline,   // kids: the elements (the first may be an expression; the rest are commands)
  // Statements.
  kBlock,    // kids: statements
  kAssign,   // text: = += -= *= /=, kids[0] the target, kids[1] the value
  kIf,       // kids: cond, block, (cond, block)*, [else block]: `has_else`
  kForeach,  // text: the variable, kids[0] the collection, kids[1] the body
  kFor,      // kids: init, cond, step (each may be an empty kBlock), body
  kWhile,    // kids[0] the condition, kids[1] the body
  kDoWhile,  // kids[0] the body, kids[1] the condition; `until` for do/until
  kTry,      // kids[0] the body, then kCatch, then maybe kFinally
  kCatch,    // text: the types caught (space-separated, empty for all), kids[0] the body
  kFinally,  // kids[0] the body
  kThrow,    // kids[0] the value, if any
  kExit,     // kids[0] the code, if any
  kReturn,   // kids[0] the value, if any
  kBreak,
  kContinue,
  kFunction,    // text: the name, kids[0] a kParamBlock, kids[1] the body
  kParamBlock,  // kids: kParamDecl
  kParamDecl,   // text: the variable name, `type_name`, kids[0] the default if any
};

struct Node {
  NodeKind kind = NodeKind::kBlock;
  std::string text;
  std::vector<NodePtr> kids;
  int line = 0, column = 0;    // where it starts (1-based, columns in characters)
  size_t begin = 0, end = 0;   // its bytes in the source
  bool splat = false;          // kVariable written @name
  bool has_else = false;       // kIf
  bool until = false;          // kDoWhile: do { } until (...)
  bool is_static = false;      // kMethod on [type]::
  bool quoted_name = false;    // kCommand: the name was a string or an expression (& 'name')
  bool call_operator = false;  // kCommand: `& x`
  std::string type_name;       // kParamDecl: [switch], [string] ...
};

// A parsed script: its top-level block, and what keeps it from running (empty when it can).
struct Script {
  NodePtr body;
  std::vector<Diagnostic> errors;
  struct Directive {
    std::string text;  // after "drsim:"
    int line = 0, column = 0;
  };
  std::vector<Directive> directives;  // `# drsim:` comments
};

// Parses the decoded text of a script. Never throws on bad input: errors are collected at
// file:line:col (at most 100 are kept).
Script parse_script(const std::string& path, const SourceText& source);

// The text of a node as written: continuation lines joined, runs of blanks collapsed.
std::string node_text(const std::string& src, const Node& n);

}  // namespace drsim::ps1
