// read_sweep_json: the JSON `drsim sweep --json` writes, read back into a SweepDigest, checked
// against the same JSON parsed independently; and bad inputs with their exact messages.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "analysis/sweep_digest.h"
#include "cli_util.h"
#include "io/errors.h"
#include "io/files.h"

using namespace drsim;
using namespace drsim::testing;
namespace pb = google::protobuf;

namespace {

// One sweep of the ten-year scenario, run once for all the tests in this file.
const std::string& sweep_json() {
  static const std::string text = [] {
    const std::string path =
        (std::filesystem::temp_directory_path() / "drsim-digest-read.json").string();
    std::string args = std::string("sweep ").append(DRSIM_SOURCE_DIR);
    args += "/scenarios/mc-two-site-10y.pb.txt -n 60 -j 2 --json " + path;
    const CliOutput o = run_cli(args);
    REQUIRE(o.code == 0);
    return read_file(path, 1 << 24);
  }();
  return text;
}

const pb::Struct& object(const pb::Struct& s, const std::string& key) {
  return s.fields().at(key).struct_value();
}

// "line:col" of the byte at `offset`, 1-based, as the reader reports positions.
std::string line_col(const std::string& text, size_t offset) {
  int line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

// The message read_sweep_json throws for `text`, or "" when it reads it.
std::string error_of(const std::string& text) {
  try {
    read_sweep_json(text, "s.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// `text` with the first `from` after `anchor` replaced by `to`; the offset of the change.
std::string replace_after(const std::string& text, const std::string& anchor,
                          const std::string& from, const std::string& to, size_t* at) {
  const size_t a = text.find(anchor);
  REQUIRE(a != std::string::npos);
  const size_t f = text.find(from, a);
  REQUIRE(f != std::string::npos);
  *at = f;
  return text.substr(0, f) + to + text.substr(f + from.size());
}

}  // namespace

TEST_CASE("sweep digest: read_sweep_json gives the values of drsim sweep --json",
          "[sweep][digest]") {
  const std::string& text = sweep_json();
  pb::Struct raw;
  REQUIRE(pb::util::JsonStringToMessage(text, &raw).ok());
  const SweepDigest d = read_sweep_json(text, "sweep.json");

  CHECK(d.seed == 2026);
  CHECK(d.scenario == "mc-two-site-10y");
  CHECK(d.replications == 60);
  CHECK(d.scenario_sha256 == raw.fields().at("scenario_sha256").string_value());
  CHECK(d.scenario_sha256 ==
        sha256_hex(read_file(
            std::string(DRSIM_SOURCE_DIR).append("/scenarios/mc-two-site-10y.pb.txt"), 1 << 20)));
  CHECK_FALSE(d.interrupted);
  CHECK(d.horizon_s == 315360000);
  CHECK(d.measured_years == 10);  // years of 365 days, as the schema counts them

  // Every stage and category in the writer's order, each with the JSON's numbers.
  REQUIRE(d.rto_s.size() == 5);
  CHECK(d.rto_s.front().first == "detect");
  CHECK(d.rto_s.back().first == "total");
  REQUIRE(d.rpo_s.size() == 8);
  CHECK(d.rpo_s.front().first == "user_data");
  for (const auto* group : {&d.rto_s, &d.rpo_s}) {
    const pb::Struct& json = object(raw, group == &d.rto_s ? "rto_s" : "rpo_s");
    for (const auto& [name, dist] : *group) {
      INFO(name);
      const pb::Struct& j = object(json, name);
      CHECK(static_cast<double>(dist.n) == j.fields().at("n").number_value());
      CHECK(dist.mean == j.fields().at("mean").number_value());
      CHECK(dist.p95 == j.fields().at("p95").number_value());
      CHECK(dist.max == j.fields().at("max").number_value());
      uint64_t sum = 0;
      for (const HistogramBucket& b : dist.histogram) {
        CHECK(b.low <= b.high);
        sum += b.count;
      }
      CHECK(sum == dist.n);
      CHECK(dist.histogram.size() ==
            static_cast<size_t>(j.fields().at("histogram").list_value().values_size()));
    }
  }
  // The sweep has incidents: the distributions are not empty.
  const DistributionDigest& total = d.rto_s.back().second;
  CHECK(total.n > 0);
  CHECK(total.p50 <= total.p95);
  CHECK(total.p95 <= total.p99);
  REQUIRE(total.max_replication.has_value());
  CHECK(*total.max_replication < 60);

  CHECK(d.user_availability.n == 60);
  CHECK(d.user_availability.mean ==
        object(object(raw, "availability"), "user_weighted").fields().at("mean").number_value());
  CHECK(d.user_availability.histogram.empty());
  CHECK(d.pool_availability.size() == 2);
  CHECK(d.policy.size() == 4);  // server, back_end, pool, site
  CHECK(d.policy[0].disruption == "server");
  CHECK(d.policy[0].rto_target_s == 1800);
  CHECK(d.policy[0].rpo_target_s == 300);

  // Three worst lists, worst first, as in the JSON.
  REQUIRE(d.worst_replications.size() == 3);
  const pb::Struct& worst = object(raw, "worst_replications");
  for (const auto& [name, list] : d.worst_replications) {
    INFO(name);
    const pb::ListValue& j = worst.fields().at(name).list_value();
    REQUIRE(list.size() == static_cast<size_t>(j.values_size()));
    CHECK_FALSE(list.empty());
    for (size_t i = 0; i < list.size(); ++i) {
      const pb::Struct& e = j.values(static_cast<int>(i)).struct_value();
      CHECK(static_cast<double>(list[i].replication) ==
            e.fields().at("replication").number_value());
      CHECK(list[i].value == e.fields().at("value").number_value());
      if (i > 0) CHECK(list[i - 1].value >= list[i].value);
    }
  }
  CHECK(d.events_per_replication_mean ==
        raw.fields().at("events_per_replication_mean").number_value());
}

TEST_CASE("sweep digest: integers beyond 2^53 are read exactly", "[sweep][digest]") {
  size_t at = 0;
  const std::string text =
      replace_after(sweep_json(), "\"seed\"", "2026", "18446744073709551557", &at);
  CHECK(read_sweep_json(text, "s.json").seed == 18446744073709551557ull);
}

TEST_CASE("sweep digest: text that is not JSON is placed at its line and column",
          "[sweep][digest]") {
  CHECK(error_of("{\n  \"seed\": 1,\n  \"scenario\": ]\n}") ==
        "s.json:3:15: error: malformed JSON: unexpected character ']'");
  CHECK(error_of("") == "s.json:1:1: error: malformed JSON: unexpected end of input");
  CHECK(error_of("[1, 2]") ==
        "s.json:1:1: error: expected an object (a sweep's results), got an array");
}

TEST_CASE("sweep digest: a missing key is named at its enclosing object", "[sweep][digest]") {
  size_t at = 0;
  const std::string text = replace_after(sweep_json(), "\"rto_s\"", "\"p95\"", "\"q95\"", &at);
  // The first stage, detect, is the object that lost its p95.
  const size_t object_at =
      sweep_json().find('{', sweep_json().find("\"detect\"", sweep_json().find("\"rto_s\"")));
  CHECK(error_of(text) ==
        "s.json:" + line_col(text, object_at) + ": error: rto_s.detect: missing key \"p95\"");

  const std::string no_worst = replace_after(sweep_json(), "\"worst_replications\"",
                                             "\"rto_total_s\"", "\"rto_totals\"", &at);
  const size_t worst_at = no_worst.find('{', no_worst.find("\"worst_replications\""));
  CHECK(error_of(no_worst) == "s.json:" + line_col(no_worst, worst_at) +
                                  ": error: worst_replications: missing key \"rto_total_s\"");
}

TEST_CASE("sweep digest: a mistyped value is named at its position", "[sweep][digest]") {
  size_t at = 0;
  const std::string text = replace_after(sweep_json(), "\"replications\"", "60", "\"60\"", &at);
  CHECK(error_of(text) ==
        "s.json:" + line_col(text, at) + ": error: replications: expected a number, got a string");

  const std::string fraction =
      replace_after(sweep_json(), "\"user_weighted\"", "\"n\": 60", "\"n\": 60.5", &at);
  CHECK(
      error_of(fraction) ==
      "s.json:" + line_col(fraction, at + 5) +
          ": error: availability.user_weighted.n: expected a whole number of 0 or more, got 60.5");

  const std::string flag = replace_after(sweep_json(), "\"interrupted\"", "false", "0", &at);
  CHECK(error_of(flag) == "s.json:" + line_col(flag, at) +
                              ": error: interrupted: expected true or false, got a number");

  // An element of an array is named by its index.
  const std::string element = replace_after(sweep_json(), "\"rpo_user_data_s\"",
                                            "\"replication\": ", "\"replication\": -", &at);
  CHECK(error_of(element).find(": error: worst_replications.rpo_user_data_s[0].replication: "
                               "expected a whole number of 0 or "
                               "more, got -") != std::string::npos);
  CHECK(error_of(element).rfind("s.json:" + line_col(element, at + 15) + ":", 0) == 0);
}

TEST_CASE("sweep digest: values past +-1e12 are refused where they are read", "[sweep][digest]") {
  // A mean of 2^64 s reached the duration formatter through the visualiser and overflowed
  // there (seconds become int64 microseconds); 2^53 + 1 is exact but no sweep's value either.
  size_t at = 0;
  for (const char* huge : {"18446744073709551615", "9007199254740993", "1e308", "-1e13"}) {
    INFO(huge);
    const std::string text =
        replace_after(sweep_json(), "\"rto_s\"",
                      "\"mean\": ", std::string("\"mean\": ") + huge + ", \"was\": ", &at);
    CHECK(error_of(text).rfind("s.json:" + line_col(text, at + 8) +
                                   ": error: rto_s.detect.mean: expected a number "
                                   "between -1e12 and 1e12, got ",
                               0) == 0);
  }
  const std::string target =
      replace_after(sweep_json(), "\"rto_target_s\"", "1800", "100000000000000", &at);
  CHECK(error_of(target).find("rto_target_s: expected a number between -1e12 and 1e12") !=
        std::string::npos);
  // Counts are whole numbers, read exactly up to 2^64.
  CHECK(error_of(replace_after(sweep_json(), "\"seed\"", "2026", "18446744073709551615", &at))
            .empty());
}

TEST_CASE("sweep digest: a histogram bucket starts above zero, or is the zero bucket",
          "[sweep][digest]") {
  // [0, 5, n] once reached the visualiser's log axis as log(0) and made its bins NaN (fuzzing).
  size_t at = 0;
  for (const char* bad : {"[0, 5, 1], ", "[-1, 0.5, 1], "}) {
    INFO(bad);
    const std::string text = replace_after(sweep_json(), "\"rto_s\"", "\"histogram\": [",
                                           std::string("\"histogram\": [") + bad, &at);
    CHECK(error_of(text).find(": error: rto_s.detect.histogram[0]: a bucket starts above 0 s, or "
                              "is [0, 0, count] for the "
                              "zero values") != std::string::npos);
  }
  const std::string zero = replace_after(sweep_json(), "\"rto_s\"", "\"histogram\": [",
                                         "\"histogram\": [[0, 0, 3], ", &at);
  CHECK(error_of(zero).empty());
}
