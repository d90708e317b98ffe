// The interpreter's state and its parts, shared by the files listed in runbook_interp.h.
// Internal to io/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "io/runbook_cmdlets.h"
#include "io/runbook_interp.h"

namespace drsim::ps1 {

// One argument of a command after evaluation.
struct EvalArg {
  bool is_param = false;
  std::string name;        // the parameter's name, without '-'
  bool has_value = false;  // -Name:value, or a splatted key
  Value value;             // the argument, or the -Name:value value
  const Node* node = nullptr;
  bool from_splat = false;
};

class Interp {
 public:
  Interp(const InterpretInput& in, RunbookPlan* plan, std::vector<Diagnostic>* fatal);
  void run();

  // Statements (runbook_interp.cpp).
  void block(const Node& b, std::vector<Value>* out);
  void statement(const Node& s, std::vector<Value>* out);
  void simple(const Node& s, std::vector<Value>* out);
  void control(const Node& s, std::vector<Value>* out);
  bool condition(const Node& cond, const char* keyword, const Node& owner);
  void handle(PsError& e);  // a statement-terminating error outside a try, preference Continue
  void end_script(const PsError& e);
  size_t open_line(const Node& n, const std::string& text);
  RunbookLine& line() { return plan_->lines[line_stack_.back()]; }
  void print(const std::string& text);  // to the console, under the current statement
  void add_step(scenario::RunbookStep st, bool error_action_stop, const Node& at,
                const std::string& text);
  bool stop_preference() const;
  StatementError statement_error(const PsError& e) const;

  // Expressions (runbook_eval.cpp).
  Value eval(const Node& n);
  Value eval_inline(const Node& n);
  Value pipeline_value(const Node& n);  // a pipeline or statement used as a value
  Value binary(const Node& n);
  Value binary_value(const Node& n);
  Value compare_op(const std::string& op, const Value& a, const Value& b, const Node& at);
  Value member(const Value& target, const std::string& name, const Node& at);
  Value method(const Node& n);
  Value index(const Value& target, const Value& key, const Node& at);
  Value cast(const std::string& type, const Value& v, const Node& at);
  Value expand(const Node& n);
  Value get_var(const std::string& name, const Node& at);
  void set_var(const std::string& name, Value v);
  void assign(const Node& s, std::vector<Value>* out);
  [[noreturn]] void fail(
      const Node& at, const std::string& message, const std::string& category = "",
      const std::string& exception = "System.Management.Automation.RuntimeException");

  // Commands (runbook_commands.cpp).
  std::vector<Value> run_pipeline(const Node& p, bool printing);
  std::vector<Value> command(const Node& c, const std::vector<Value>& input, bool has_input,
                             bool printing, bool native_format);
  std::vector<EvalArg> eval_args(const Node& c, size_t first);
  std::vector<Value> call_function(const Node& fn, const std::vector<EvalArg>& args,
                                   const Node& at);
  std::vector<Value> call_block(const Value& block, const std::vector<Value>& args,
                                const Value* dollar_under);
  std::vector<Value> sfb_cmdlet(const Spec& spec, const Node& c, const std::vector<EvalArg>& args,
                                bool printing, bool native_format);
  void statement_fails(const Node& c, const std::string& name, StatementError failure);

  // PowerShell's cmdlets (runbook_builtins.cpp); false when `name` is not one of them.
  bool builtin(const std::string& name, const Node& c, std::vector<EvalArg>& args,
               const std::vector<Value>& input, bool has_input, std::vector<Value>* out);
  bool topology_cmdlet(const std::string& name, const Node& c, std::vector<EvalArg>& args,
                       std::vector<Value>* out);
  void admin_work(const std::string& name, int64_t seconds, const Node& c);
  int64_t now_us();
  // The model's answers (io/runbook_oracle.h), bounded by kMaxModelRuns.
  StepOutcome outcome(size_t step);
  StepOutcome probe();

  const std::string& path_;
  const SourceText& source_;
  const std::string& src_;
  const Script& script_;
  const scenario::Scenario& topology_;
  ModelOracle* oracle_;
  const std::vector<std::string>& answers_;
  RunbookPlan* plan_;
  std::vector<Diagnostic>* fatal_;

  std::vector<std::map<std::string, Value>> scopes_{1};
  std::map<std::string, const Node*> functions_;
  std::vector<size_t> line_stack_;  // the line of each statement running, innermost last
  int try_depth_ = 0, call_depth_ = 0;
  int64_t pending_sleep_ms_ = 0;  // Start-Sleep since the last step
  int64_t statements_run_ = 0;
  size_t next_answer_ = 0;
  bool last_ok_ = true;    // $?
  int pending_step_ = -1;  // a step whose outcome nobody asked for yet: $? asks
  int inline_ = 0;         // inside $(...), @(...), (...) or a filter block: no lines of their own
  bool stopped_ = false;   // the script ended (exit, an uncaught error, a stopping step)
  std::vector<Value> errors_;  // $Error, newest first
};

std::string join_values(const std::vector<Value>& v, const std::string& sep);

// Objects and their console formatting (runbook_objects.cpp).
Value query_object(const log::Record& q, const std::string& category);
std::string format_values(const std::vector<Value>& values, bool as_table,
                          const std::vector<std::string>& props);
Value error_record(const PsError& e);

}  // namespace drsim::ps1
