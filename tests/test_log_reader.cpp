// The event-log reader's rules (log/log_file.h): what a .drlog read back may hold, so that a
// corrupt or hostile file is refused with "file: error: record N: rule" before any reader
// (report, visualiser) sees a value it could overflow on or loop over, and before it can
// make the reader's memory grow past the caps.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>

#include "cli_util.h"
#include "io/errors.h"
#include "log/log_file.h"
#include "proto/options.pb.h"
#include "proto/scenario.pb.h"
#include "sim/event_log.h"
#include "story_util.h"

using namespace drsim;

namespace {

constexpr int64_t kDayUs = 86'400'000'000;

log::Header header(int64_t horizon_us = kDayUs) {
  log::Header h;
  h.set_scenario_name("t");
  h.set_horizon_us(horizon_us);
  return h;
}

log::Record record(uint64_t seq, int64_t time_us) {
  log::Record r;
  r.set_seq(seq);
  r.set_time_us(time_us);
  r.set_kind("component.down");
  r.set_subject("fe1.pool1.contoso.com");
  return r;
}

// The error decode_drlog gives, or "" when it accepts the log.
std::string error_of(const std::string& bytes) {
  try {
    decode_drlog("x.drlog", bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string error_of(const log::Header& h, const std::vector<log::Record>& records) {
  return error_of(encode_drlog(h, records));
}

// A log whose record 1 has one field set by `set`.
std::string error_with_field(const std::function<void(log::Field*)>& set) {
  std::vector<log::Record> rs = {record(0, 0), record(1, 10)};
  set(rs[1].add_fields());
  return error_of(header(), rs);
}

void varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// The bytes of a log with `records` records, each of `fields` empty fields: 2 bytes per
// field on disk, some 70 in memory once decoded.
std::string empty_fields_log(size_t records, size_t fields) {
  std::string out = encode_drlog(header(), {});
  for (size_t r = 0; r < records; ++r) {
    varint(out, 2 * fields);
    for (size_t f = 0; f < fields; ++f) out += std::string("\x2a\x00", 2);
  }
  return out;
}

}  // namespace

TEST_CASE("log reader: a log the model writes reads back whole", "[log]") {
  const RunResult r = drsim::testing::run_story(drsim::testing::load_story("site-loss-runbook"));
  REQUIRE(r.log.size() > 100);
  const LogFile back = decode_drlog("x.drlog", encode_drlog(header(kDayUs * 2), r.log.records()));
  CHECK(back.records.size() == r.log.size());
}

TEST_CASE("log reader: the header's horizon is above 0 and at most 100 years", "[log]") {
  // INT64_MAX made the report's tick loop overflow and hang (analysis/timeline_svg.cpp).
  for (int64_t h : {std::numeric_limits<int64_t>::max(), int64_t{0}, int64_t{-1},
                    int64_t{3153600000} * 1'000'000 + 1}) {
    INFO(h);
    CHECK(error_of(header(h), {record(0, 0)}) ==
          "x.drlog: error: the event log header: horizon_us " + std::to_string(h) +
              " is not in (0, 100 years]");
  }
  CHECK(error_of(header(int64_t{3153600000} * 1'000'000), {record(0, 0)}).empty());
}

TEST_CASE("log reader: times lie within the horizon and never go back, and seq increases",
          "[log]") {
  CHECK(error_of(header(), {record(0, 0), record(1, -1)}) ==
        "x.drlog: error: record 1: time_us -1 is outside the horizon [0, 86400000000]");
  CHECK(error_of(header(), {record(0, kDayUs + 1)}) ==
        "x.drlog: error: record 0: time_us 86400000001 is outside the horizon [0, 86400000000]");
  CHECK(error_of(header(), {record(0, std::numeric_limits<int64_t>::max())})
            .find("record 0: time_us") != std::string::npos);
  CHECK(error_of(header(), {record(0, 50), record(1, 40)}) ==
        "x.drlog: error: record 1: goes back in time (time_us 40 after 50)");
  CHECK(error_of(header(), {record(0, 0), record(0, 10)}) ==
        "x.drlog: error: record 1: seq 0 does not increase (after 0)");
  CHECK(error_of(header(), {record(0, 0), record(1, 0), record(2, kDayUs)}).empty());
}

TEST_CASE("log reader: numbers are finite and within the documented ranges", "[log]") {
  auto dbl = [](const char* key, double v) {
    return error_with_field([&](log::Field* f) {
      f->set_key(key);
      f->set_double_value(v);
    });
  };
  auto integer = [](const char* key, int64_t v) {
    return error_with_field([&](log::Field* f) {
      f->set_key(key);
      f->set_int_value(v);
    });
  };
  CHECK(dbl("lost_writes", NAN) ==
        "x.drlog: error: record 1: the number 'lost_writes' is not finite");
  CHECK(dbl("lost_writes", -INFINITY) ==
        "x.drlog: error: record 1: the number 'lost_writes' is not finite");
  CHECK(dbl("bytes", 1e308) == "x.drlog: error: record 1: the number 'bytes' is beyond +-1e18");
  CHECK(dbl("bytes", 1e18).empty());
  CHECK(integer("users", std::numeric_limits<int64_t>::max()) ==
        "x.drlog: error: record 1: the integer 'users' is beyond +-2^53");
  CHECK(integer("users", std::numeric_limits<int64_t>::min()) ==
        "x.drlog: error: record 1: the integer 'users' is beyond +-2^53");
  CHECK(integer("users", kLogMaxInteger).empty());
  // Keys ending in _s are seconds: within twice the longest horizon (rates _per_s are not).
  CHECK(dbl("rpo_s", 1e12) ==
        "x.drlog: error: record 1: the time in seconds 'rpo_s' is beyond +-200 years");
  CHECK(dbl("rpo_s", -1e12) ==
        "x.drlog: error: record 1: the time in seconds 'rpo_s' is beyond +-200 years");
  CHECK(dbl("rpo_s", 6e9).empty());
  CHECK(dbl("backlog_growth_bytes_per_s", 1e12).empty());
}

TEST_CASE("log reader: the caps on records, fields and bytes refuse a file before decoding it",
          "[log][limits]") {
  // The reader's record cap is the most a run may write.
  const auto* f = scenario::Scenario::descriptor()->FindFieldByName("max_log_records");
  CHECK(static_cast<size_t>(f->options().GetExtension(options::max)) == kMaxLogRecords);
  CHECK(error_of(empty_fields_log(1, kMaxLogFieldsPerRecord)).empty());
  CHECK(error_of(empty_fields_log(2, kMaxLogFieldsPerRecord + 1)) ==
        "x.drlog: error: record 0: 65 fields, more than 64 in one record");
  // 50 MB of empty fields used to take 1.8 GB once decoded; now the lengths alone refuse it.
  const size_t records = kMaxLogFields / kMaxLogFieldsPerRecord + 1;
  CHECK(error_of(empty_fields_log(records, kMaxLogFieldsPerRecord)) ==
        "x.drlog: error: record " + std::to_string(records - 1) + ": more than " +
            std::to_string(kMaxLogFields) + " fields in the log");
  std::string many = encode_drlog(header(), {});
  many.append(kMaxLogRecords + 1, '\0');  // empty records, one byte each
  CHECK(error_of(many) == "x.drlog: error: record " + std::to_string(kMaxLogRecords) +
                              ": more than " + std::to_string(kMaxLogRecords) +
                              " records in the log");
  log::Record big = record(0, 0);
  big.set_subject(std::string(kMaxLogRecordBytes, 'x'));
  const std::string too_big = error_of(header(), {big});
  CHECK(too_big.rfind("x.drlog: error: record 0: ", 0) == 0);
  CHECK(too_big.find(" bytes, more than the limit of 65536") != std::string::npos);
  CHECK(error_of(std::string(kMaxLogBytes + 1, 'D').replace(0, 8, "DRSIMLG1")) ==
        "x.drlog: error: is larger than the limit of " + std::to_string(kMaxLogBytes) + " bytes");
}

TEST_CASE("drsim report: corrupt logs are input errors naming the record, not hangs or aborts",
          "[log][cli]") {
  // From a robustness audit: the first hung `drsim report` (horizon INT64_MAX), the second
  // aborted the visualiser (a negative time), the others made the sanitizers report.
  const std::string dir =
      (std::filesystem::temp_directory_path() / "drsim-test-corrupt-logs").string();
  std::filesystem::remove_all(dir);
  const std::pair<const char*, const char*> cases[] = {
      {"hz_max", "the event log header: horizon_us 9223372036854775807 is not in (0, 100 years]"},
      {"time_neg",
       "record 0: time_us -9223372036854775000 is outside the horizon [0, 86400000000]"},
      {"dbl_nan", "record 18: the number 'durable_snapshot_s' is not finite"},
      {"int_min", "record 0: the integer 'full' is beyond +-2^53"},
  };
  for (const auto& [name, rule] : cases) {
    const std::string log =
        drsim::testing::source_path(std::string("tests/data/corrupt-logs/") + name + ".drlog");
    const drsim::testing::CliOutput o =
        drsim::testing::run_cli("report '" + log + "' --out '" + dir + "'");
    INFO(o.text);
    CHECK(o.code == 2);
    CHECK(o.text == log + ": error: " + rule + "\n");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "text timeline: fixed notation, units in the keys, instants as clock times, never negative",
    "[log]") {
  log::Record r;
  r.set_time_us(36'000'000'000);
  r.set_seq(7);
  r.set_kind("backup.status");
  r.set_subject("a->b");
  auto add = [&](const char* key, double v) {
    log::Field* f = r.add_fields();
    f->set_key(key);
    f->set_double_value(v);
  };
  add("backlog_bytes", 1096766123.4);
  add("durable_snapshot_s", -116.189);
  add("lost_writes", 0.0322748);
  add("rate_per_s", 2.0339e-06);
  add("rto_s", 2869.97);
  add("snapshot_s", 37'803.811);
  const std::string line = format_record(r);
  INFO(line);
  CHECK(line.find("e+") == std::string::npos);
  CHECK(line.find("e-") == std::string::npos);
  CHECK(line.find("backlog_bytes=1096766123 ") != std::string::npos);
  CHECK(line.find("durable_snapshot=\"1m 56s before the start\"") != std::string::npos);
  CHECK(line.find("lost_writes=0.0322748 ") != std::string::npos);
  CHECK(line.find("rate_per_s=0.0000020339 ") != std::string::npos);
  CHECK(line.find("rto_s=2869.97 ") != std::string::npos);
  CHECK(line.find("snapshot=\"d+0 10:30:03.811\"") != std::string::npos);
  CHECK(line.find("=-") == std::string::npos);
}
