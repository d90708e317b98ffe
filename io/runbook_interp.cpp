// Runs a runbook's statements: control flow, errors as PowerShell raises them, and the plan's
// lines; see runbook_interp.h.
#include "io/runbook_interp.h"

#include <algorithm>

#include "io/ps1_parser.h"
#include "io/runbook_interp_impl.h"
#include "sim/check.h"

namespace drsim::ps1 {

Interp::Interp(const InterpretInput& in, RunbookPlan* plan, std::vector<Diagnostic>* fatal)
    : path_(in.path),
      source_(in.source),
      src_(in.source.utf8()),
      script_(in.script),
      topology_(in.topology),
      oracle_(in.oracle),
      answers_(in.answers),
      plan_(plan),
      fatal_(fatal) {
  scopes_[0]["erroractionpreference"] = Value::string("Continue");
  scopes_[0]["verbosepreference"] = Value::string("SilentlyContinue");
  scopes_[0]["psscriptroot"] = Value::string(".");
}

void Interp::run() {
  try {
    block(*script_.body, nullptr);
  } catch (const Flow& f) {
    // exit, or a break/continue/return outside anything to leave: the script ends.
    (void)f;
  } catch (const PsError& e) {
    end_script(e);
  }
  plan_->trailing_sleep_ms = pending_sleep_ms_;
}

void Interp::block(const Node& b, std::vector<Value>* out) {
  for (const NodePtr& s : b.kids) {
    if (stopped_) return;
    statement(*s, out);
  }
}

size_t Interp::open_line(const Node& n, const std::string& text) {
  RunbookLine l;
  l.kind = RunbookLine::Kind::kNoOp;
  l.line = n.line;
  l.column = n.column;
  l.text = text;
  plan_->lines.push_back(std::move(l));
  return plan_->lines.size() - 1;
}

void Interp::print(const std::string& text) {
  // Output after nested lines (a function's statements) goes on a line of its own.
  if (line_stack_.empty() || line_stack_.back() + 1 != plan_->lines.size()) {
    RunbookLine l;
    l.kind = RunbookLine::Kind::kNoOp;
    l.continuation = true;
    l.output = text;
    plan_->lines.push_back(std::move(l));
    if (!line_stack_.empty()) line_stack_.back() = plan_->lines.size() - 1;
    return;
  }
  RunbookLine& l = line();
  l.output += (l.output.empty() ? "" : "\n") + text;
}

bool Interp::stop_preference() const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    const auto f = it->find("erroractionpreference");
    if (f != it->end()) return lower(to_string(f->second)) == "stop";
  }
  return false;
}

StatementError Interp::statement_error(const PsError& e) const {
  return StatementError{e.line, e.column, e.width, e.command, e.message, e.category};
}

void Interp::statement(const Node& s, std::vector<Value>* out) {
  if (++statements_run_ > kMaxStatementsRun) {
    PsError e;
    e.message = "drsim stops a rehearsal after " + std::to_string(kMaxStatementsRun) +
                " statements: the script does not end (a loop without a bound?).";
    e.line = s.line, e.column = s.column, e.thrown = true, e.limit = true;
    throw e;
  }
  switch (s.kind) {
    case NodeKind::kIf:
    case NodeKind::kForeach:
    case NodeKind::kFor:
    case NodeKind::kWhile:
    case NodeKind::kDoWhile:
    case NodeKind::kTry:
      return control(s, out);
    case NodeKind::kFunction:
      functions_[lower(s.text)] = &s;
      return;
    case NodeKind::kParamBlock: {
      // The script's own param(): its defaults (a rehearsal passes no arguments).
      line_stack_.push_back(open_line(s, "param(...)"));
      struct Pop {
        std::vector<size_t>& v;
        ~Pop() { v.pop_back(); }
      } pop{line_stack_};
      for (const NodePtr& d : s.kids)
        set_var(d->text, d->kids.empty() ? Value::null() : eval(*d->kids[0]));
      return;
    }
    case NodeKind::kBlock:
      return block(s, out);
    default:
      return simple(s, out);
  }
}

// A statement that is one line of the console: a pipeline, an assignment, throw, exit ...
void Interp::simple(const Node& s, std::vector<Value>* out) {
  // A statement inside an expression is part of its line; a model step in it gets the line.
  line_stack_.push_back(inline_ > 0 && !line_stack_.empty() ? line_stack_.back()
                                                            : open_line(s, node_text(src_, s)));
  struct Pop {
    std::vector<size_t>& v;
    ~Pop() { v.pop_back(); }
  } pop{line_stack_};
  try {
    switch (s.kind) {
      case NodeKind::kAssign:
        return assign(s, out);
      case NodeKind::kThrow: {
        PsError e;
        e.line = s.line, e.column = s.column, e.width = 5;
        e.thrown = true;
        e.exception = "System.Management.Automation.RuntimeException";
        if (!s.kids.empty()) e.target = pipeline_value(*s.kids[0]);
        e.message = e.target.is_null() ? "ScriptHalted" : to_string(e.target);
        // `throw` alone in a catch block throws the error being handled again.
        const auto current = scopes_.back().find("_");
        if (s.kids.empty() && current != scopes_.back().end() &&
            current->second.kind == Value::Kind::kObject &&
            current->second.s == "System.Management.Automation.ErrorRecord") {
          const Value* ex = current->second.find("Exception");
          e.message = ex != nullptr && ex->find("Message") != nullptr
                          ? to_string(*ex->find("Message"))
                          : e.message;
          e.category = to_string(*current->second.find("CategoryInfo"));
        }
        e.category = "OperationStopped: (" + e.message + ":String) [], RuntimeException";
        throw e;
      }
      case NodeKind::kExit:
        stopped_ = true;
        throw Flow{Flow::Kind::kExit, s.kids.empty() ? Value::null() : pipeline_value(*s.kids[0])};
      case NodeKind::kReturn: {
        Value v = s.kids.empty() ? Value::null() : pipeline_value(*s.kids[0]);
        throw Flow{Flow::Kind::kReturn, std::move(v)};
      }
      case NodeKind::kBreak:
        throw Flow{Flow::Kind::kBreak, {}};
      case NodeKind::kContinue:
        throw Flow{Flow::Kind::kContinue, {}};
      case NodeKind::kPipeline: {
        last_ok_ = true;
        pending_step_ = -1;
        std::vector<Value> v = run_pipeline(s, out == nullptr);
        if (out != nullptr) {
          for (Value& x : v) out->push_back(std::move(x));
        } else if (!v.empty()) {
          print(format_values(v, false, {}));
        }
        return;
      }
      case NodeKind::kCommand:  // an unsupported statement (switch, trap, ...)
        fail(s, "drsim does not rehearse '" + s.text.substr(1) + "' statements (docs/runbook.md).",
             "", "System.NotSupportedException");
      default:
        fail(s, "drsim does not rehearse this statement.");
    }
  } catch (PsError& e) {
    last_ok_ = false;
    errors_.insert(errors_.begin(), error_record(e));
    if (!e.thrown && try_depth_ == 0 && stop_preference() && !e.shown &&
        e.exception == "System.Management.Automation.CommandNotFoundException") {
      // An unknown command that stops the script stops the admin too: it costs
      // failed_cmdlet_s, like a rehearsed cmdlet that fails (docs/runbook.md, "Errors").
      statement_fails(s, e.command, statement_error(e));
      e.shown = true;
    }
    if (e.thrown || try_depth_ > 0 || stop_preference()) {
      e.thrown = true;
      throw;
    }
    handle(e);
  }
}

// A statement-terminating error with nothing to catch it: shown, and the script goes on.
void Interp::handle(PsError& e) {
  if (e.shown) return;
  RunbookLine& l = line();
  if (l.fails || l.step >= 0) {  // the line already holds a step: the error gets a line of its own
    const size_t at = open_line(Node{}, "");
    plan_->lines[at].continuation = true;
    line_stack_.back() = at;
  }
  RunbookLine& target = line();
  target.fails = true;
  target.error = statement_error(e);
  target.error_source = source_.line_text(e.line);
}

// An error nothing caught: the script ends there, as PowerShell ends it.
void Interp::end_script(const PsError& e) {
  stopped_ = true;
  if (e.shown) return;
  // The error gets a line of its own after whatever ran.
  RunbookLine l;
  l.kind = RunbookLine::Kind::kNoOp;
  l.continuation = true;
  l.fails = true;
  l.ends_script = true;
  l.error = statement_error(e);
  l.error_source = source_.line_text(e.line);
  plan_->lines.push_back(std::move(l));
}

bool Interp::condition(const Node& cond, const char* keyword, const Node& owner) {
  line_stack_.push_back(
      open_line(owner, std::string(keyword) + " (" + node_text(src_, cond) + ")"));
  struct Pop {
    std::vector<size_t>& v;
    ~Pop() { v.pop_back(); }
  } pop{line_stack_};
  try {
    return truthy(pipeline_value(cond));
  } catch (PsError& e) {
    last_ok_ = false;
    errors_.insert(errors_.begin(), error_record(e));
    if (e.thrown || try_depth_ > 0 || stop_preference()) {
      e.thrown = true;
      throw;
    }
    handle(e);
    return false;  // PowerShell: a failed condition is not true
  }
}

void Interp::control(const Node& s, std::vector<Value>* out) {
  int iterations = 0;
  const auto bound = [&]() {
    if (++statements_run_ > kMaxStatementsRun) {
      PsError e;
      e.message = "drsim stops a rehearsal after " + std::to_string(kMaxStatementsRun) +
                  " statements and loop iterations: the script does not end (nested loops without "
                  "a bound?).";
      e.line = s.line, e.column = s.column, e.thrown = true, e.limit = true;
      throw e;
    }
    if (++iterations <= kMaxLoopIterations) return;
    PsError e;
    e.message = "drsim stops a loop after " + std::to_string(kMaxLoopIterations) +
                " iterations (a rehearsal's bound on loops, docs/runbook.md).";
    e.line = s.line, e.column = s.column, e.thrown = true, e.limit = true;
    throw e;
  };
  // Runs a loop body: false when it breaks.
  const auto body = [&](const Node& b) {
    try {
      block(b, out);
    } catch (const Flow& f) {
      if (f.kind == Flow::Kind::kBreak) return false;
      if (f.kind != Flow::Kind::kContinue) throw;
    }
    return !stopped_;
  };
  switch (s.kind) {
    case NodeKind::kIf: {
      size_t k = 0;
      for (; k + 1 < s.kids.size(); k += 2)
        if (condition(*s.kids[k], k == 0 ? "if" : "elseif", *s.kids[k]))
          return block(*s.kids[k + 1], out);
      if (s.has_else) block(*s.kids.back(), out);
      return;
    }
    case NodeKind::kForeach: {
      std::vector<Value> items;
      {
        line_stack_.push_back(
            open_line(s, "foreach ($" + s.text + " in " + node_text(src_, *s.kids[0]) + ")"));
        struct Pop {
          std::vector<size_t>& v;
          ~Pop() { v.pop_back(); }
        } pop{line_stack_};
        items = enumerate(pipeline_value(*s.kids[0]));
      }
      for (Value& v : items) {
        bound();
        set_var(s.text, v);
        if (!body(*s.kids[1])) break;
      }
      return;
    }
    case NodeKind::kWhile:
      while (condition(*s.kids[0], "while", *s.kids[0])) {
        bound();
        if (!body(*s.kids[1])) break;
      }
      return;
    case NodeKind::kDoWhile:
      do {
        bound();
        if (!body(*s.kids[0])) break;
      } while (condition(*s.kids[1], s.until ? "until" : "while", *s.kids[1]) != s.until);
      return;
    case NodeKind::kFor: {
      if (!s.kids[0]->kids.empty() || s.kids[0]->kind != NodeKind::kBlock)
        statement(*s.kids[0], nullptr);
      while (s.kids[1]->kind == NodeKind::kBlock || condition(*s.kids[1], "for", *s.kids[1])) {
        bound();
        if (!body(*s.kids[3])) break;
        if (s.kids[2]->kind != NodeKind::kBlock) statement(*s.kids[2], nullptr);
      }
      return;
    }
    case NodeKind::kTry: {
      const Node* fin = nullptr;
      for (const NodePtr& k : s.kids)
        if (k->kind == NodeKind::kFinally) fin = k->kids[0].get();
      const auto run_finally = [&]() {
        if (fin != nullptr && !stopped_) block(*fin, out);
      };
      ++try_depth_;
      try {
        block(*s.kids[0], out);
      } catch (PsError& e) {
        --try_depth_;
        if (e.limit) throw;  // drsim's limit ends the script: no catch or finally runs
        const Node* handler = nullptr;
        for (const NodePtr& k : s.kids) {
          if (k->kind != NodeKind::kCatch) continue;
          bool match = k->text.empty();
          for (size_t from = 0; !match && from < k->text.size();) {
            const size_t sp = std::min(k->text.find(' ', from), k->text.size());
            const std::string t = lower(k->text.substr(from, sp - from));
            const std::string ex = lower(e.exception);
            match = t == "exception" || t == "system.exception" || ex == t ||
                    ex.ends_with("." + t) ||
                    (t.ends_with("runtimeexception") &&
                     ex.find("commandnotfound") == std::string::npos);
            from = sp + 1;
          }
          if (match) {
            handler = k->kids[0].get();
            break;
          }
        }
        if (handler == nullptr) {
          run_finally();
          throw;
        }
        scopes_.back()["_"] = error_record(e);
        try {
          block(*handler, out);
        } catch (...) {
          run_finally();
          throw;
        }
        run_finally();
        return;
      } catch (...) {
        --try_depth_;
        run_finally();
        throw;
      }
      --try_depth_;
      run_finally();
      return;
    }
    default:
      DRSIM_CHECK(false, "control() called with a simple statement");
  }
}

// A model step for the current line (or a line of its own when the line has one already).
void Interp::add_step(scenario::RunbookStep st, bool error_action_stop, const Node& at,
                      const std::string& text) {
  if (plan_->steps.empty() && plan_->anchor.line > at.line)
    fatal_->push_back(
        Diagnostic{path_, plan_->anchor.line, 1, false, "",
                   "the 'drsim: start at' anchor must come before the first command (line " +
                       std::to_string(at.line) + ")"});
  if (line().step >= 0 || line().fails || line_stack_.back() + 1 != plan_->lines.size()) {
    line_stack_.back() = open_line(at, text);
  }
  chain_step(plan_->start, plan_->steps.size(), pending_sleep_ms_, &st);
  pending_sleep_ms_ = 0;
  // Under Stop a failing step ends the script, unless a try catches the error.
  st.set_stop_on_error((stop_preference() || error_action_stop) && try_depth_ == 0);
  st.set_note(path_ + ":" + std::to_string(at.line));
  RunbookLine& l = line();
  l.kind = RunbookLine::Kind::kCmdlet;
  l.step = static_cast<int>(plan_->steps.size());
  plan_->steps.push_back(st);
  plan_->step_line.push_back(static_cast<int>(line_stack_.back()));
}

}  // namespace drsim::ps1

namespace drsim::ps1 {

void interpret(const InterpretInput& in, RunbookPlan* plan, std::vector<Diagnostic>* fatal) {
  Interp(in, plan, fatal).run();
}

}  // namespace drsim::ps1
