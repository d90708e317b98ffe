// Reading drsim's own JSON outputs back (a sweep's results, a sensitivity ranking): the walk
// through a parsed document that knows where it is, so that a missing or mistyped member is
// reported at its line and column with the rule it breaks (InputError, io/errors.h).
//
// Protobuf's JSON parser (into google.protobuf.Value) does the parsing; it reports no
// positions, so the Walker keeps the path it walked and io/json_locate.h finds it in the text.
// Readers: analysis/sweep_digest_read.cpp, rare_report_read.cpp, sensitivity_read.cpp.
#pragma once

#include <google/protobuf/struct.pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/json_locate.h"

namespace drsim {

// The document's root, parsed; InputError at the first syntax error's line and column.
google::protobuf::Value parse_json_document(const std::string& text, const std::string& path);

// "a number", "an object"... for "expected X, got Y".
const char* json_kind_name(const google::protobuf::Value& v);

// A walk through the document that knows where it is. Each accessor takes a value at the
// current path; the path grows and shrinks with JsonScope.
class JsonWalker {
 public:
  // The largest magnitude of a measured value (seconds, fractions, rates, event counts) or a
  // target: a sweep writes at most about 3e9 (100 years in seconds, an event budget), and
  // readers turn seconds into int64 microseconds, which a value above 9e12 would overflow.
  static constexpr double kMaxValue = 1e12;

  JsonWalker(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  [[noreturn]] void fail(const std::string& message) const;

  // The member `key` of `object`, which is the value at the current path.
  const google::protobuf::Value& member(const google::protobuf::Struct& object,
                                        const std::string& key) const;

  const google::protobuf::Struct& as_object(const google::protobuf::Value& v) const;
  const google::protobuf::ListValue& as_array(const google::protobuf::Value& v) const;
  // Any finite or infinite number; as_number keeps it within +-kMaxValue.
  double any_number(const google::protobuf::Value& v) const;
  double as_number(const google::protobuf::Value& v) const;
  // The writers write an unknown figure (an infinite half-width, no value) as null.
  std::optional<double> as_optional_number(const google::protobuf::Value& v) const;
  // A whole number of 0 or more, exact up to 2^64 (read again from the text above 2^53).
  uint64_t as_count(const google::protobuf::Value& v) const;
  int64_t as_integer(const google::protobuf::Value& v) const;
  std::optional<uint64_t> as_optional_count(const google::protobuf::Value& v) const;
  const std::string& as_string(const google::protobuf::Value& v) const;
  bool as_bool(const google::protobuf::Value& v) const;

  // Enters a member; set_index() then picks an element of the array it holds.
  void push(const std::string& key) { steps_.push_back({key, key, -1}); }
  void set_index(int index) { steps_.back().index = index; }
  void pop() { steps_.pop_back(); }

 private:
  std::string field_name() const;
  uint64_t exact_integer() const;

  const std::string& text_;
  const std::string& path_;
  std::vector<JsonStep> steps_;
};

// Enters a member for the lifetime of the scope.
class JsonScope {
 public:
  JsonScope(JsonWalker& w, const std::string& key) : w_(w) { w_.push(key); }
  JsonScope(const JsonScope&) = delete;
  JsonScope& operator=(const JsonScope&) = delete;
  ~JsonScope() { w_.pop(); }

 private:
  JsonWalker& w_;
};

// The member `key` of `object`, typed by `read`, with the path pointing at it meanwhile.
template <typename Read>
decltype(auto) json_field(JsonWalker& w, const google::protobuf::Struct& object,
                          const std::string& key, Read read) {
  const google::protobuf::Value& v = w.member(object, key);
  JsonScope scope(w, key);
  return read(v);
}

// Each element of the array `key` of `object`, with the path at element i meanwhile.
template <typename Each>
void json_elements(JsonWalker& w, const google::protobuf::Struct& object, const std::string& key,
                   Each each) {
  const google::protobuf::Value& v = w.member(object, key);
  JsonScope scope(w, key);
  const google::protobuf::ListValue& list = w.as_array(v);
  for (int i = 0; i < list.values_size(); ++i) {
    w.set_index(i);
    each(list.values(i));
  }
  w.set_index(-1);
}

}  // namespace drsim
